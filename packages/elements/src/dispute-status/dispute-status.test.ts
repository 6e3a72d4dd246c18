import { defaultTrees, type Dispute, type DisputeStatus } from '@amicable/protocol';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { de } from '../locales/de.js';
import { nl } from '../locales/nl.js';
import { Localizer } from '../localization/localizer.js';
import { controlStyles } from '../styles/controls.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import { EUR_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import {
  acceptedCounter,
  BUYER,
  COUNTER_MESSAGE,
  counterOffered,
  HOUR,
  OPENED_AT,
  openCounterfeit,
  openDamaged,
  openParcelLost,
  SELLER,
  settlementFailed,
} from './dispute-scenarios.test-support.js';
import { renderDisputeStatus, type DisputeStatusOptions } from './dispute-status.js';
import { disputeStatusStyles } from './dispute-status.styles.js';

class StatusView extends LitElement {
  static override styles = [themeStyles, controlStyles, disputeStatusStyles];
  @property({ attribute: false }) options?: DisputeStatusOptions;
  override render() {
    return this.options === undefined ? nothing : renderDisputeStatus(this.options);
  }
}
customElements.define('dispute-status-view', StatusView);

const english = new Localizer('en-GB');
const tree = defaultTrees['physical-goods'];

async function show(dispute: Dispute, role: 'buyer' | 'seller', l10n = english): Promise<StatusView> {
  const options: DisputeStatusOptions = { l10n, dispute, role, now: OPENED_AT, tree, buyerName: BUYER, sellerName: SELLER };
  return fixture<StatusView>(html`<dispute-status-view .options=${options}></dispute-status-view>`);
}

function part(view: StatusView, name: string): HTMLElement | null {
  return view.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function text(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('the dispute status', () => {
  let t: TestBackend;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(async () => {
    t = await serveReferenceBackend();
  });

  /** Each status as the reference backend produces it, with the headline each side reads. */
  const scenarios: ReadonlyArray<{
    status: DisputeStatus;
    reach: (t: TestBackend) => Promise<Dispute>;
    buyer: string;
    seller: string;
  }> = [
    { status: 'awaiting_seller', reach: openDamaged, buyer: `Waiting for ${SELLER}’s answer`, seller: 'Your answer is needed' },
    {
      status: 'awaiting_buyer',
      reach: counterOffered,
      buyer: `You have a counter-offer from ${SELLER}`,
      seller: `Waiting for ${BUYER} to answer your counter-offer`,
    },
    {
      status: 'escalated',
      reach: async (t) => {
        await openDamaged(t);
        return t.client('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'The crack is from use, not transport.' });
      },
      buyer: 'Support is looking at this case',
      seller: 'Support is looking at this case',
    },
    {
      status: 'settling',
      reach: async (t) => (await acceptedCounter(t)).settling,
      buyer: 'Agreed: the payment is on its way',
      seller: 'Agreed: the payment is on its way',
    },
    { status: 'settlement_failed', reach: settlementFailed, buyer: 'The payment could not be made', seller: 'The payment could not be made' },
    {
      status: 'resolved',
      reach: async (t) => (await acceptedCounter(t)).resolved,
      buyer: 'This dispute is resolved',
      seller: 'This dispute is resolved',
    },
    {
      status: 'withdrawn',
      reach: async (t) => {
        await openDamaged(t);
        return t.client('buyer').withdraw(EUR_ORDER);
      },
      buyer: 'You withdrew this dispute',
      seller: `This dispute was withdrawn by ${BUYER}`,
    },
  ];

  for (const scenario of scenarios) {
    for (const role of ['buyer', 'seller'] as const) {
      it(`tells the ${role} of a dispute ${scenario.status} where it stands, in a focusable headline, with nothing axe objects to`, async () => {
        const dispute = await scenario.reach(t);
        expect(dispute.status).to.equal(scenario.status);
        const view = await show(dispute, role);
        const headline = part(view, 'headline')!;
        expect(headline.localName).to.equal('h2');
        expect(text(headline)).to.equal(scenario[role]);
        expect(headline.getAttribute('tabindex')).to.equal('-1');
        expect(part(view, 'status')!.getAttribute('aria-labelledby')).to.equal(headline.id);
        expect(text(view.shadowRoot!.querySelector('p'))).to.equal('Problem: Damaged in transit');
        expect(view.shadowRoot!.querySelectorAll('[part~="timeline-entry"]')).to.have.length(dispute.timeline.length);
        await expect(view).to.be.accessible();
      });
    }
  }

  describe('the deadline', () => {
    it('gives the seller\'s deadline as a local date and time with the time left, and says the case goes to support if nobody answers', async () => {
      const dispute = await openDamaged(t);
      const view = await show(dispute, 'buyer');
      const time = part(view, 'deadline')!.querySelector('time')!;
      expect(time.dateTime).to.equal(dispute.idle.at);
      expect(Date.parse(time.dateTime) - OPENED_AT).to.equal(72 * HOUR);
      expect(text(time)).to.equal(english.dateTime(dispute.idle.at!));
      expect(text(part(view, 'deadline'))).to.contain('Answer due by').and.contain('(in 3 days)');
      expect(text(part(view, 'deadline'))).to.contain('If nobody answers by then, the case goes to support.');
    });

    it('tells each side that the seller\'s silence accepts the buyer\'s first proposal, where the tree says so', async () => {
      const dispute = await openParcelLost(t);
      expect(dispute.idle.then).to.equal('accept_first_proposal');
      expect(text(part(await show(dispute, 'buyer'), 'deadline'))).to.contain(
        `If ${SELLER} does not answer by then, your first proposal is accepted: Full refund of €61.00.`,
      );
      expect(text(part(await show(dispute, 'seller'), 'deadline'))).to.contain(
        'If you do not answer by then, the buyer’s first proposal is accepted: Full refund of €61.00.',
      );
    });

    it('counts the time left from the moment given, so it shrinks as the deadline nears', async () => {
      const dispute = await counterOffered(t);
      const options = { l10n: english, dispute, role: 'buyer' as const, now: OPENED_AT + 47 * HOUR };
      const view = await fixture<StatusView>(html`<dispute-status-view .options=${options}></dispute-status-view>`);
      expect(text(part(view, 'deadline'))).to.contain('(in 1 hour)');
    });

    it('writes dates, times and money in the reader\'s language and format', async () => {
      const dispute = await counterOffered(t);
      const german = new Localizer('de-DE', de);
      const view = await show(dispute, 'buyer', german);
      const deadline = part(view, 'deadline')!;
      // 48 hours after 26 November 09:00 UTC: the 28th wherever the test runs, written the German way.
      expect(text(deadline.querySelector('time'))).to.match(/^28\. Nov\. 2026, \d{2}:\d{2}/);
      expect(text(deadline)).to.contain('Antwort fällig bis').and.contain('(übermorgen)');
      expect(text(part(view, 'headline'))).to.equal(`Sie haben ein Gegenangebot erhalten: ${SELLER}`);
      expect(text(part(view, 'counter-offer'))).to.contain('Teilerstattung von 12,20 €');
      expect(text(view.shadowRoot!.querySelector('[part~="timeline-entry"] time'))).to.match(/^26\. Nov\. 2026/);

      const dutch = await show(dispute, 'buyer', new Localizer('nl-NL', nl));
      expect(text(part(dutch, 'deadline'))).to.contain('28 nov 2026').and.contain('(overmorgen)');
      await expect(dutch).to.be.accessible();
    });

    it('shows no deadline once nobody is on a clock', async () => {
      const { resolved } = await acceptedCounter(t);
      expect(part(await show(resolved, 'buyer'), 'deadline')).to.equal(null);
    });
  });

  describe('why support has the case', () => {
    it('says the seller did not accept, in the seller\'s own words, and that support will decide', async () => {
      await openDamaged(t);
      const dispute = await t.client('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'The crack is from use, not transport.' });
      const buyerView = text(part(await show(dispute, 'buyer'), 'status'));
      expect(buyerView).to.contain(`Your proposals were not accepted by ${SELLER}.`);
      expect(buyerView).to.contain('Reason given: “The crack is from use, not transport.”');
      expect(buyerView).to.contain('Support will decide and let you both know.');
      expect(text(part(await show(dispute, 'seller'), 'status'))).to.contain('You did not accept the proposals.');
    });

    it('says whose time ran out when nobody answered', async () => {
      await openDamaged(t);
      await t.advance(72 * HOUR);
      const sellerLate = await t.client('buyer').getDispute(EUR_ORDER);
      expect(sellerLate.escalation?.cause).to.equal('seller_deadline');
      expect(text(part(await show(sellerLate, 'buyer'), 'status'))).to.contain(`No answer came from ${SELLER} in time.`);
      expect(text(part(await show(sellerLate, 'seller'), 'status'))).to.contain('Your answer did not come in time.');
    });

    it('says the buyer let the counter-offer lapse', async () => {
      await counterOffered(t);
      await t.advance(48 * HOUR);
      const buyerLate = await t.client('seller').getDispute(EUR_ORDER);
      expect(buyerLate.escalation?.cause).to.equal('buyer_deadline');
      expect(text(part(await show(buyerLate, 'seller'), 'status'))).to.contain(`No answer to your counter-offer came from ${BUYER} in time.`);
      expect(text(part(await show(buyerLate, 'buyer'), 'status'))).to.contain('Your answer to the counter-offer did not come in time.');
    });

    it('says a suspected counterfeit goes straight to support', async () => {
      const dispute = await openCounterfeit(t);
      expect(dispute.status).to.equal('escalated');
      const view = await show(dispute, 'buyer');
      expect(text(part(view, 'status'))).to.contain('Cases like this go straight to support.');
      await expect(view).to.be.accessible();
    });
  });

  describe('money', () => {
    it('shows the agreed settlement from each side: the buyer\'s refund and the seller\'s payout', async () => {
      const { resolved } = await acceptedCounter(t);
      expect(text(part(await show(resolved, 'buyer'), 'settlement'))).to.equal(
        `Agreed: Partial refund of €12.20 You are refunded €12.20; ${SELLER} receives €48.80.`,
      );
      expect(text(part(await show(resolved, 'seller'), 'settlement'))).to.equal(
        `Agreed: Partial refund of €12.20 You receive €48.80; ${BUYER} is refunded €12.20.`,
      );
    });

    it('says that nothing is refunded when the agreement is a replacement', async () => {
      const { resolved } = await acceptedCounter(t);
      const replaced: Dispute = {
        ...resolved,
        settlement: { ...resolved.settlement!, resolution: { type: 'replacement' }, refund: { amount: 0, currency: 'EUR' }, payout: resolved.price },
      };
      expect(text(part(await show(replaced, 'buyer'), 'settlement'))).to.equal(`Agreed: Replacement Nothing is refunded; ${SELLER} receives €61.00.`);
      expect(text(part(await show(replaced, 'seller'), 'settlement'))).to.equal(`Agreed: Replacement You receive €61.00; nothing is refunded to ${BUYER}.`);
    });

    it('shows the counter-offer in words with its split and the seller\'s message, and whether it was answered', async () => {
      const dispute = await counterOffered(t);
      const offer = part(await show(dispute, 'buyer'), 'counter-offer')!;
      expect(text(offer.querySelector('h3'))).to.equal(`Counter-offer from ${SELLER}`);
      expect(text(offer)).to.contain('Partial refund of €12.20').and.contain(`You are refunded €12.20; ${SELLER} receives €48.80.`);
      expect(text(offer.querySelector('blockquote'))).to.equal(COUNTER_MESSAGE);
      expect(text(offer)).not.to.contain('accepted');

      const { resolved } = await acceptedCounter(await serveReferenceBackend());
      expect(text(part(await show(resolved, 'seller'), 'counter-offer'))).to.contain('Your counter-offer').and.contain('The counter-offer was accepted.');
    });

    it('lists the buyer\'s proposals in words, in their order', async () => {
      const dispute = await openDamaged(t);
      const view = await show(dispute, 'seller');
      const heading = [...view.shadowRoot!.querySelectorAll('h3')].find((h) => text(h) === 'The buyer’s proposals')!;
      const items = [...heading.nextElementSibling!.querySelectorAll('li')].map(text);
      expect(items).to.deep.equal(['Partial refund of €15.25', 'Replacement']);
    });

    it('leaves the proposals out for a view that shows them itself', async () => {
      const dispute = await openDamaged(t);
      const options: DisputeStatusOptions = { l10n: english, dispute, role: 'seller', proposals: false };
      const view = await fixture<StatusView>(html`<dispute-status-view .options=${options}></dispute-status-view>`);
      expect([...view.shadowRoot!.querySelectorAll('h3')].map(text)).not.to.include('The buyer’s proposals');
    });
  });

  describe('the timeline', () => {
    it('lists who did what and when, in order, naming the reader "you" and the other party by name', async () => {
      await counterOffered(t);
      const dispute = await t.client('buyer').answerCounter(EUR_ORDER, { answer: 'reject', reason: 'Twelve euros does not cover a new carafe.' });
      const view = await show(dispute, 'buyer');
      const timeline = part(view, 'timeline')!;
      expect(timeline.localName).to.equal('ol');
      const entries = [...timeline.querySelectorAll('[part~="timeline-entry"]')];
      expect(entries.map((entry) => text(entry.querySelector('span')))).to.deep.equal([
        'You: Opened the dispute',
        `${SELLER}: Made a counter-offer`,
        'You: Did not accept the counter-offer',
      ]);
      expect(entries.every((entry) => entry.querySelector('time')?.dateTime !== undefined)).to.equal(true);
      expect(text(entries[2]!)).to.contain('Twelve euros does not cover a new carafe.');
      const seller = [...part(await show(dispute, 'seller'), 'timeline')!.querySelectorAll('[part~="timeline-entry"] span')].map(text);
      expect(seller[0]).to.equal(`${BUYER}: Opened the dispute`);
      expect(seller[1]).to.equal('You: Made a counter-offer');
    });

    it('shows what people typed as text, never as markup', async () => {
      await openDamaged(t);
      const reason = '<img src=x onerror="alert(1)"> not from transport';
      const dispute = await t.client('seller').respond(EUR_ORDER, { kind: 'reject', reason });
      const view = await show(dispute, 'buyer');
      expect(view.shadowRoot!.querySelector('img')).to.equal(null);
      expect(text(part(view, 'status'))).to.contain(reason);
    });
  });
});
