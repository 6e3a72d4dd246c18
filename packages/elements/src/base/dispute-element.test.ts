import { physicalGoodsTree, type DecisionTree } from '@amicable/protocol';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import type { DisputeOpener } from '../dispute-opener/dispute-opener.component.js';
import '../dispute-opener/dispute-opener.define.js';
import type { ProposalPicker } from '../proposal-picker/proposal-picker.component.js';
import '../proposal-picker/proposal-picker.define.js';
import { openParcelLost } from '../dispute-status/dispute-scenarios.test-support.js';
import { EUR_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';

const shown = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('the tree and the dispute id a host gives the buyer\'s and the seller\'s elements', () => {
  let backend: TestBackend;
  before(() => startWorker());
  after(() => worker.stop());
  beforeEach(async () => {
    localStorage.clear();
    backend = await serveReferenceBackend();
  });

  it('walks the host\'s own tree instead of the one in the order context', async () => {
    const root = physicalGoodsTree.nodes[physicalGoodsTree.root]!;
    if (root.kind !== 'question') throw new Error('the default tree starts with a question');
    const tree: DecisionTree = {
      ...physicalGoodsTree,
      nodes: { ...physicalGoodsTree.nodes, [physicalGoodsTree.root]: { ...root, prompt: { en: 'Tell us: what happened to your parcel?' } } },
    };
    const opener = await fixture<DisputeOpener>(
      html`<dispute-opener locale="en" order-id=${EUR_ORDER} .client=${backend.client('buyer')} .tree=${tree}></dispute-opener>`,
    );
    await waitUntil(() => shown(opener).includes('Tell us: what happened to your parcel?'), 'the host\'s prompt is not shown');
  });

  it('refuses a tree that is not valid, with a message for people and the faults for the developer', async () => {
    const broken = { ...physicalGoodsTree, root: 'nowhere' } as DecisionTree;
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const opener = await fixture<DisputeOpener>(html`<dispute-opener locale="en" .client=${backend.client('buyer')} .tree=${broken}></dispute-opener>`);
      const reported = oneEvent(opener, 'amicable-error');
      opener.orderId = EUR_ORDER;
      const { detail } = await reported;
      expect(detail.code).to.equal('invalid-tree');
      expect(detail.message).to.equal('This form is not set up correctly, so it cannot be used. Please contact the shop.');
      await waitUntil(() => shown(opener).includes('This form is not set up correctly'));
      await expect(opener).to.be.accessible();
    } finally {
      console.error = original;
    }
    expect(errors.join(' ')).to.contain('root');
  });

  it('speaks the language the backend prefers for the person where neither it nor the page says one', async () => {
    // The seeded EUR order's context prefers Dutch; the test page itself has no lang.
    const page = await fixture(html`<div>
      <dispute-opener order-id=${EUR_ORDER} .client=${backend.client('buyer')}></dispute-opener>
      <section lang="fr"><dispute-opener order-id=${EUR_ORDER} .client=${backend.client('buyer')}></dispute-opener></section>
      <dispute-opener locale="de" order-id=${EUR_ORDER} .client=${backend.client('buyer')}></dispute-opener>
    </div>`);
    const [preferred, inFrench, own] = [...page.querySelectorAll('dispute-opener')];
    await waitUntil(() => shown(preferred!).includes('Wat is er misgegaan met je bestelling?'), 'Dutch from the context');
    await waitUntil(() => shown(inFrench!).includes('Quel est le problème avec votre commande ?'), 'French from the page');
    await waitUntil(() => shown(own!).includes('Was ist mit Ihrer Bestellung schiefgelaufen?'), 'German from the attribute');
  });

  it('names the dispute it shows in dispute-id, for the host to read', async () => {
    const dispute = await openParcelLost(backend);
    const picker = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} .client=${backend.client('seller')}></proposal-picker>`);
    await waitUntil(() => picker.getAttribute('dispute-id') === dispute.id);
  });

  it('forgets the dispute id it set when it moves to another order', async () => {
    const dispute = await openParcelLost(backend);
    const picker = await fixture<ProposalPicker>(html`<proposal-picker locale="en" order-id=${EUR_ORDER} .client=${backend.client('seller')}></proposal-picker>`);
    await waitUntil(() => picker.disputeId === dispute.id);
    picker.orderId = 'ord-1002';
    await waitUntil(() => shown(picker).includes('There is no dispute on this order.'), 'the other order, without a dispute');
    expect(picker.hasAttribute('dispute-id') && picker.getAttribute('dispute-id') !== '').to.equal(false);
  });

  it('uses a tree the host gives after the order has loaded', async () => {
    const opener = await fixture<DisputeOpener>(html`<dispute-opener locale="en" order-id=${EUR_ORDER} .client=${backend.client('buyer')}></dispute-opener>`);
    await waitUntil(() => shown(opener).includes('What went wrong with your order?'));
    const root = physicalGoodsTree.nodes[physicalGoodsTree.root]!;
    if (root.kind !== 'question') throw new Error('the default tree starts with a question');
    opener.tree = { ...physicalGoodsTree, nodes: { ...physicalGoodsTree.nodes, [physicalGoodsTree.root]: { ...root, prompt: { en: 'Which problem?' } } } };
    await waitUntil(() => shown(opener).includes('Which problem?'), 'the host\'s tree');
  });

  it('refuses to show another dispute than the one the page is about', async () => {
    await openParcelLost(backend);
    const picker = await fixture<ProposalPicker>(html`<proposal-picker locale="en" dispute-id="dsp-other" .client=${backend.client('seller')}></proposal-picker>`);
    const reported = oneEvent(picker, 'amicable-error');
    picker.orderId = EUR_ORDER;
    expect((await reported).detail.code).to.equal('dispute-mismatch');
    await waitUntil(() => shown(picker).includes('This page is about another case'));
    expect(picker.getAttribute('dispute-id')).to.equal('dsp-other');
  });
});
