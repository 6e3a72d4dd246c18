import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { assign, createActor, setup, type ActorRefFrom } from 'xstate';
import { ActorController } from './actor-controller.js';

const counter = setup({ types: { context: {} as { count: number }, events: {} as { type: 'INC' } } }).createMachine({
  context: { count: 0 },
  on: { INC: { actions: assign({ count: ({ context }) => context.count + 1 }) } },
});
type CounterActor = ActorRefFrom<typeof counter>;

class CounterView extends LitElement {
  readonly flow = new ActorController<CounterActor>(this);
  override render() {
    return html`<output>${this.flow.snapshot?.context.count ?? '-'}</output>`;
  }
}
customElements.define('test-counter-view', CounterView);

const shown = (element: CounterView) => element.shadowRoot!.querySelector('output')!.textContent;

describe('ActorController', () => {
  it('starts the actor when the element connects and renders every snapshot', async () => {
    const element = await fixture<CounterView>(html`<test-counter-view></test-counter-view>`);
    const actor = createActor(counter);
    element.flow.use(actor);
    await element.updateComplete;
    expect(actor.getSnapshot().status).to.equal('active');
    element.flow.send({ type: 'INC' });
    await element.updateComplete;
    expect(shown(element)).to.equal('1');
  });

  it('keeps the flow where it was when the element is moved in the page', async () => {
    const container = await fixture(html`<div><section></section><test-counter-view></test-counter-view></div>`);
    const element = container.querySelector<CounterView>('test-counter-view')!;
    const actor = createActor(counter);
    element.flow.use(actor);
    element.flow.send({ type: 'INC' });
    container.querySelector('section')!.append(element);
    element.flow.send({ type: 'INC' });
    await element.updateComplete;
    expect(element.flow.actor).to.equal(actor);
    expect(actor.getSnapshot().status).to.equal('active');
    expect(shown(element)).to.equal('2');
  });

  it('stops listening while the element is out of the page, and catches up when it returns', async () => {
    const container = await fixture(html`<div><test-counter-view></test-counter-view></div>`);
    const element = container.querySelector<CounterView>('test-counter-view')!;
    element.flow.use(createActor(counter));
    await element.updateComplete;
    element.remove();
    let updates = 0;
    const requestUpdate = element.requestUpdate.bind(element);
    element.requestUpdate = (...args: Parameters<typeof requestUpdate>) => {
      updates += 1;
      requestUpdate(...args);
    };
    element.flow.send({ type: 'INC' });
    expect(updates).to.equal(0);
    container.append(element);
    await element.updateComplete;
    expect(shown(element)).to.equal('1');
  });

  it('tells its callback what changed while the element was away, when it comes back', async () => {
    class Recorder extends LitElement {
      seen: number[] = [];
      readonly flow = new ActorController<CounterActor>(this, (snapshot) => this.seen.push(snapshot.context.count));
    }
    customElements.define('test-counter-recorder', Recorder);
    const container = await fixture(html`<div><test-counter-recorder></test-counter-recorder></div>`);
    const element = container.querySelector<Recorder>('test-counter-recorder')!;
    element.flow.use(createActor(counter));
    element.remove();
    element.flow.send({ type: 'INC' });
    expect(element.seen).not.to.include(1);
    container.append(element);
    expect(element.seen.at(-1)).to.equal(1);
  });

  it('stops the actor it replaces', async () => {
    const element = await fixture<CounterView>(html`<test-counter-view></test-counter-view>`);
    const first = createActor(counter);
    element.flow.use(first);
    element.flow.use(createActor(counter));
    expect(first.getSnapshot().status).to.equal('stopped');
  });
});
