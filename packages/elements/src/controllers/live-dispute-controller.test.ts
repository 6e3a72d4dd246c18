import type { AnyClientError, MediationClient } from '@amicable/client';
import type { Dispute } from '@amicable/protocol';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { http, HttpResponse } from 'msw';
import { COUNTER, counterOffered, openDamaged, SELLER } from '../dispute-status/dispute-scenarios.test-support.js';
import { renderDisputeStatus } from '../dispute-status/dispute-status.js';
import { Localizer } from '../localization/localizer.js';
import { API_BASE, EUR_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import { LiveDisputeController } from './live-dispute-controller.js';

const english = new Localizer('en');

class LiveView extends LitElement {
  @property({ attribute: false }) client?: MediationClient;
  @property({ attribute: 'order-id' }) orderId = EUR_ORDER;
  readonly changes: Array<{ dispute: Dispute; previous: Dispute | undefined }> = [];
  readonly errors: AnyClientError[] = [];
  readonly live = new LiveDisputeController(this, {
    onChange: (dispute, previous) => this.changes.push({ dispute, previous }),
    onError: (error) => this.errors.push(error),
  });

  protected override willUpdate(): void {
    this.live.watch(this.orderId, this.client);
  }

  override render() {
    const dispute = this.live.dispute;
    return dispute === undefined ? nothing : renderDisputeStatus({ l10n: english, dispute, role: 'buyer', sellerName: SELLER });
  }

  get headline(): string {
    return this.shadowRoot?.querySelector('[part~="headline"]')?.textContent?.trim() ?? '';
  }
}
customElements.define('live-dispute-view', LiveView);

/** One watch the client was asked for: what it delivered, and whether it has stopped. */
interface WatchRecord {
  readonly orderId: string;
  readonly delivered: Dispute[];
  stopped: boolean;
  readonly done: Promise<void>;
}

/** The buyer's real client, recording each watch it starts (the watches themselves are the client's own). */
function recordingClient(t: TestBackend): { client: MediationClient; watches: WatchRecord[] } {
  const client = t.client('buyer');
  const watches: WatchRecord[] = [];
  return {
    watches,
    client: {
      ...client,
      watchDispute(orderId, options) {
        const delivered: Dispute[] = [];
        const watch = client.watchDispute(orderId, {
          ...options,
          onChange: (dispute) => {
            delivered.push(dispute);
            options.onChange(dispute);
          },
        });
        const record: WatchRecord = { orderId, delivered, stopped: false, done: watch.done.then(() => void (record.stopped = true)) };
        watches.push(record);
        return watch;
      },
    },
  };
}

const WAITING = `Waiting for ${SELLER}’s answer`;
const COUNTERED = `You have a counter-offer from ${SELLER}`;

describe('LiveDisputeController', () => {
  let t: TestBackend;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(async () => {
    t = await serveReferenceBackend();
  });

  it('shows the buyer the seller\'s answer without a reload', async () => {
    await openDamaged(t);
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${t.client('buyer')}></live-dispute-view>`);
    await waitUntil(() => view.headline === WAITING, 'the dispute as opened');
    await t.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: COUNTER });
    await waitUntil(() => view.headline === COUNTERED, 'the counter-offer, live');
    expect(view.changes.map((c) => c.dispute.status)).to.deep.equal(['awaiting_seller', 'awaiting_buyer']);
    expect(view.changes[0]!.previous).to.equal(undefined);
    expect(view.changes[1]!.previous).to.equal(view.changes[0]!.dispute);
    expect(view.live.dispute?.status).to.equal('awaiting_buyer');
  });

  it('stops watching when the element is removed, and catches up on what changed meanwhile when it is back', async () => {
    await openDamaged(t);
    const { client, watches } = recordingClient(t);
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${client}></live-dispute-view>`);
    await waitUntil(() => view.changes.length === 1);
    const parent = view.parentElement!;
    view.remove();
    await watches[0]!.done;
    expect(watches[0]!.stopped).to.equal(true);

    await t.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: COUNTER });
    expect(view.changes).to.have.length(1);

    parent.append(view);
    await waitUntil(() => view.headline === COUNTERED, 'the change made while it was away');
    expect(watches).to.have.length(2);
    expect(view.changes[1]!.previous?.status).to.equal('awaiting_seller');
  });

  it('keeps the dispute live when the element moves, without telling the same dispute twice', async () => {
    await openDamaged(t);
    const { client, watches } = recordingClient(t);
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${client}></live-dispute-view>`);
    await waitUntil(() => view.changes.length === 1);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      elsewhere.append(view);
      await watches[0]!.done;
      await waitUntil(() => watches[1]?.delivered.length === 1, 'the watch resumed where the element went');
      expect(view.changes).to.have.length(1);

      await t.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: COUNTER });
      await waitUntil(() => view.headline === COUNTERED);
      expect(view.changes).to.have.length(2);
    } finally {
      elsewhere.remove();
    }
  });

  it('does not report a dispute it was told of already (the answer to the element\'s own action)', async () => {
    await openDamaged(t);
    const { client, watches } = recordingClient(t);
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${client}></live-dispute-view>`);
    await waitUntil(() => view.changes.length === 1);
    const parent = view.parentElement!;
    view.remove();
    const countered = await t.client('seller').respond(EUR_ORDER, { kind: 'counter', resolution: COUNTER });
    view.live.seen(countered);
    parent.append(view);
    await waitUntil(() => watches[1]?.delivered.length === 1);
    expect(view.changes).to.have.length(1);
    expect(view.live.dispute).to.deep.equal(countered);
  });

  it('watches again when the client or the order changes, stopping the watch it replaces', async () => {
    await openDamaged(t);
    const first = recordingClient(t);
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${first.client}></live-dispute-view>`);
    await waitUntil(() => view.changes.length === 1);
    const second = recordingClient(t);
    view.client = second.client;
    await first.watches[0]!.done;
    await waitUntil(() => second.watches[0]?.delivered.length === 1);
    expect(view.changes).to.have.length(1);

    view.orderId = '';
    await second.watches[0]!.done;
    expect(second.watches).to.have.length(1);
  });

  it('tells the element of a failing read and keeps going, without throwing', async () => {
    const dispute = await counterOffered(t);
    let failing = true;
    worker.use(
      http.get(`${API_BASE}/orders/${EUR_ORDER}/dispute`, () => {
        if (!failing) return undefined;
        const problem = { type: 'urn:amicable:problem:internal', title: 'Internal error', status: 500 };
        return HttpResponse.json(problem, { status: 500, headers: { 'Content-Type': 'application/problem+json' } });
      }),
    );
    let reads = 0;
    worker.events.on('request:start', ({ request }) => {
      if (request.method === 'GET' && request.url.endsWith('/dispute')) reads += 1;
    });
    const view = await fixture<LiveView>(html`<live-dispute-view .client=${t.client('buyer')}></live-dispute-view>`);
    await waitUntil(() => view.errors.length > 0, 'the failure reported');
    expect(view.errors[0]!.kind).to.equal('http');
    expect(view.live.dispute).to.equal(undefined);
    // The same failure, read after read, is told once.
    const readsAtFirst = reads;
    await waitUntil(() => reads >= readsAtFirst + 8, 'more failing reads');
    expect(view.errors).to.have.length(1);

    failing = false;
    await waitUntil(() => view.live.dispute !== undefined, 'the dispute once reads work again');
    expect(view.live.dispute!.id).to.equal(dispute.id);
    worker.events.removeAllListeners('request:start');
    view.remove();
  });
});
