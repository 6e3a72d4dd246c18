import type { OrderContext } from '@amicable/protocol';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { LitElement } from 'lit';
import { http, HttpResponse } from 'msw';
import { API_BASE, EUR_ORDER, JPY_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import { OrderContextController } from './order-context-controller.js';

class ContextView extends LitElement {
  loaded: OrderContext[] = [];
  failures: unknown[] = [];
  readonly order = new OrderContextController(this, {
    onLoaded: (context) => this.loaded.push(context),
    onFailed: (error) => this.failures.push(error),
  });
}
customElements.define('test-context-view', ContextView);

describe('OrderContextController', () => {
  let backend: TestBackend;
  before(() => startWorker());
  after(() => worker.stop());
  beforeEach(async () => {
    backend = await serveReferenceBackend();
  });

  it('loads the order context once for an order and a client', async () => {
    const element = await fixture<ContextView>(html`<test-context-view></test-context-view>`);
    const client = backend.client('buyer');
    element.order.load(EUR_ORDER, client);
    element.order.load(EUR_ORDER, client);
    expect(element.order.state.status).to.equal('loading');
    await waitUntil(() => element.order.state.status === 'ready');
    expect(element.loaded).to.have.length(1);
    expect(element.loaded[0]!.orderId).to.equal(EUR_ORDER);
    expect(element.loaded[0]!.role).to.equal('buyer');
  });

  it('waits for both an order id and a client', async () => {
    const element = await fixture<ContextView>(html`<test-context-view></test-context-view>`);
    element.order.load('', backend.client('buyer'));
    element.order.load(EUR_ORDER, undefined);
    expect(element.order.state.status).to.equal('idle');
  });

  it('reports a failure, and loads again when asked', async () => {
    let refuse = true;
    worker.use(http.get(`${API_BASE}/orders/:orderId/context`, () => (refuse ? HttpResponse.json({ nope: true }) : undefined)));
    const element = await fixture<ContextView>(html`<test-context-view></test-context-view>`);
    const lastClient = backend.client('buyer');
    element.order.load(EUR_ORDER, lastClient);
    await waitUntil(() => element.order.state.status === 'failed');
    expect(element.failures).to.have.length(1);
    expect((element.failures[0] as { kind?: string }).kind).to.equal('schema');
    // Asking again for the same order does not hammer a failing backend: only `reload` retries.
    element.order.load(EUR_ORDER, lastClient);
    expect(element.order.state.status).to.equal('failed');
    refuse = false;
    element.order.reload();
    await waitUntil(() => element.order.state.status === 'ready');
  });

  it('drops the answer for an order it no longer shows', async () => {
    const element = await fixture<ContextView>(html`<test-context-view></test-context-view>`);
    const client = backend.client('buyer');
    element.order.load(EUR_ORDER, client);
    element.order.load(JPY_ORDER, client);
    await waitUntil(() => element.order.state.status === 'ready');
    expect(element.loaded.map((c) => c.orderId)).to.deep.equal([JPY_ORDER]);
  });
});
