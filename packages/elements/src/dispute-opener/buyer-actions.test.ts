import type { Dispute } from '@amicable/protocol';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../test-support/wait.test-support.js';
import { sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { http, HttpResponse } from 'msw';
import { AmicableElement } from '../base/amicable-element.js';
import { COUNTER, counterOffered, HOUR, openDamaged, SELLER } from '../dispute-status/dispute-scenarios.test-support.js';
import { renderDisputeStatus } from '../dispute-status/dispute-status.js';
import { disputeStatusStyles } from '../dispute-status/dispute-status.styles.js';
import { changeEvents } from '../events/dispute-change-events.js';
import { controlStyles } from '../styles/controls.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import { API_BASE, EUR_ORDER, serveReferenceBackend, startWorker, worker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import { BuyerActions } from './buyer-actions.js';

/** The buyer's side as `<dispute-opener>` shows an open dispute: its status, and the actions under it. */
class BuyerView extends AmicableElement {
  static override styles = [themeStyles, controlStyles, disputeStatusStyles];
  @state() dispute?: Dispute;
  /** What the view said through its live region, in order. */
  readonly announced: string[] = [];
  readonly actions: BuyerActions = new BuyerActions(this, {
    client: () => this.activeClient,
    l10n: () => this.l10n.value,
    sellerName: () => SELLER,
    // As the opener does: the host is told what changed between the dispute shown and the new one.
    onDispute: (dispute) => {
      const before = this.dispute;
      this.dispute = dispute;
      if (before !== undefined) for (const event of changeEvents(before, dispute)) this.dispatchEvent(event);
    },
    onError: (error) => this.reportError(error),
    announce: (text) => this.announced.push(text),
  });

  override render() {
    const { dispute } = this;
    if (dispute === undefined) return nothing;
    return html`${renderDisputeStatus({ l10n: this.l10n.value, dispute, role: 'buyer', sellerName: SELLER })}
      ${this.actions.render(dispute)}`;
  }
}
customElements.define('buyer-actions-view', BuyerView);

function squash(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** What has focus inside the view. */
function focused(view: BuyerView): Element | null {
  return view.shadowRoot!.activeElement;
}

/** The buttons the buyer is offered, by their text. */
function offered(view: BuyerView): string[] {
  const section = view.shadowRoot!.querySelector('section[aria-labelledby="buyer-actions-heading"]');
  return [...(section?.querySelectorAll('button') ?? [])].map((button) => squash(button.textContent));
}

/** Presses Tab (or Shift+Tab, going `back`) until the focused element's text is `label`. */
async function tabTo(view: BuyerView, label: string, back = false): Promise<void> {
  if (back) await sendKeys({ down: 'Shift' });
  try {
    for (let presses = 0; presses < 12; presses++) {
      await sendKeys({ press: 'Tab' });
      if (squash(focused(view)?.textContent) === label) return;
    }
  } finally {
    if (back) await sendKeys({ up: 'Shift' });
  }
  throw new Error(`"${label}" never got focus; focus is on "${squash(focused(view)?.textContent)}"`);
}

async function viewOf(t: TestBackend, dispute: Dispute): Promise<BuyerView> {
  const view = await fixture<BuyerView>(html`<buyer-actions-view locale="en" .client=${t.client('buyer')} .dispute=${dispute}></buyer-actions-view>`);
  (document.activeElement as HTMLElement | null)?.blur();
  return view;
}

describe('the buyer\'s actions on an open dispute', () => {
  let t: TestBackend;
  before(startWorker);
  after(() => worker.stop());
  beforeEach(async () => {
    t = await serveReferenceBackend();
  });

  describe('what is offered', () => {
    it('offers only withdrawing while the seller has the turn', async () => {
      const view = await viewOf(t, await openDamaged(t));
      expect(offered(view)).to.deep.equal(['Withdraw the dispute']);
      await expect(view).to.be.accessible();
    });

    it('offers accepting or declining a counter-offer, asking support, and withdrawing, when the buyer has the turn', async () => {
      const view = await viewOf(t, await counterOffered(t));
      expect(offered(view)).to.deep.equal(['Accept the counter-offer', 'Decline the counter-offer', 'Ask support to decide', 'Withdraw the dispute']);
    });

    it('offers only withdrawing once support has the case, and nothing once it has ended', async () => {
      await openDamaged(t);
      const escalated = await t.client('seller').respond(EUR_ORDER, { kind: 'reject', reason: 'Not from transport.' });
      expect(offered(await viewOf(t, escalated))).to.deep.equal(['Withdraw the dispute']);
      const withdrawn = await t.client('buyer').withdraw(EUR_ORDER);
      const view = await viewOf(t, withdrawn);
      expect(view.shadowRoot!.querySelector('#buyer-actions-heading')).to.equal(null);
    });
  });

  it('accepts the counter-offer with the keyboard, after a confirmation that names its terms', async () => {
    const view = await viewOf(t, await counterOffered(t));
    await tabTo(view, 'Accept the counter-offer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Accept this counter-offer?', 'focus on the confirmation\'s heading');
    expect(focused(view)!.localName).to.equal('h3');
    expect(squash(view.shadowRoot!.querySelector('section.card')!.textContent)).to.contain(
      'The case is settled on these terms: Partial refund of €12.20.',
    );
    await expect(view).to.be.accessible();

    await tabTo(view, 'Yes, accept');
    const accepted = oneEvent(view, 'amicable-proposal-accepted');
    await sendKeys({ press: 'Enter' });
    const { detail } = await accepted;
    expect(detail.by).to.equal('buyer');
    expect(detail.resolution).to.deep.equal(COUNTER);
    expect(detail.dispute.status).to.equal('resolved');
    await waitUntil(() => squash(focused(view)?.textContent) === 'This dispute is resolved', 'focus on the new status');
    expect(view.dispute).to.equal(detail.dispute);
    expect(offered(view)).to.deep.equal([]);
    await expect(view).to.be.accessible();
  });

  it('declines the counter-offer only with a reason, telling the buyer at the field when it is missing', async () => {
    const view = await viewOf(t, await counterOffered(t));
    await tabTo(view, 'Decline the counter-offer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Decline this counter-offer?');
    const field = view.shadowRoot!.querySelector('textarea')!;
    expect(view.shadowRoot!.querySelector(`label[for="${field.id}"]`)?.textContent).to.equal('Your reason');
    await expect(view).to.be.accessible();

    await tabTo(view, 'Yes, decline');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(view) === field, 'focus on the field to fix');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    const error = view.shadowRoot!.getElementById('buyer-actions-reason-error')!;
    expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
    expect(squash(error.textContent)).to.equal('Write a reason before you continue.');
    expect(view.announced.at(-1)).to.equal('Write a reason before you continue.');
    expect((await t.client('seller').getDispute(EUR_ORDER)).status).to.equal('awaiting_buyer');
    await expect(view).to.be.accessible();

    await sendKeys({ type: 'Twelve euros does not cover a new carafe.' });
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    await tabTo(view, 'Yes, decline');
    const rejected = oneEvent(view, 'amicable-proposal-rejected');
    await sendKeys({ press: 'Enter' });
    const { detail } = await rejected;
    expect(detail).to.include({ by: 'buyer', reason: 'Twelve euros does not cover a new carafe.' });
    expect(detail.dispute.status).to.equal('escalated');
    await waitUntil(() => squash(focused(view)?.textContent) === 'Support is looking at this case');
    expect(squash(view.shadowRoot!.querySelector('[part~="status"]')!.textContent)).to.contain('You did not accept the counter-offer.');
    expect(offered(view)).to.deep.equal(['Withdraw the dispute']);
    await expect(view).to.be.accessible();
  });

  it('asks support to decide, with the buyer\'s reason', async () => {
    const view = await viewOf(t, await counterOffered(t));
    await tabTo(view, 'Ask support to decide');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Ask support to decide?');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'We cannot agree on the amount.' });
    await tabTo(view, 'Yes, ask support');
    const escalated = oneEvent(view, 'amicable-dispute-escalated');
    await sendKeys({ press: 'Enter' });
    const { detail } = await escalated;
    expect(detail.dispute.escalation).to.include({ by: 'buyer', cause: 'requested', reason: 'We cannot agree on the amount.' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Support is looking at this case');
    expect(squash(view.shadowRoot!.querySelector('[part~="status"]')!.textContent)).to.contain('Reason given: “We cannot agree on the amount.”');
  });

  it('withdraws the dispute after a confirmation that says nothing is refunded', async () => {
    const view = await viewOf(t, await openDamaged(t));
    await tabTo(view, 'Withdraw the dispute');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Withdraw your dispute?');
    expect(squash(view.shadowRoot!.querySelector('section.card')!.textContent)).to.contain('nothing is refunded');
    await tabTo(view, 'Yes, withdraw');
    const withdrawn = oneEvent(view, 'amicable-dispute-withdrawn');
    await sendKeys({ press: 'Enter' });
    expect((await withdrawn).detail.dispute.status).to.equal('withdrawn');
    await waitUntil(() => squash(focused(view)?.textContent) === 'You withdrew this dispute');
    await expect(view).to.be.accessible();
  });

  it('goes back from a confirmation without sending anything', async () => {
    const dispute = await openDamaged(t);
    const view = await viewOf(t, dispute);
    await tabTo(view, 'Withdraw the dispute');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Withdraw your dispute?');
    await tabTo(view, 'Cancel');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'What you can do', 'focus on the choice again');
    expect(offered(view)).to.deep.equal(['Withdraw the dispute']);
    expect((await t.client('buyer').getDispute(EUR_ORDER)).status).to.equal('awaiting_seller');
  });

  it('shows a failure in the buyer\'s words and tries again with the same Idempotency-Key', async () => {
    const view = await viewOf(t, await openDamaged(t));
    const keys: string[] = [];
    // The client tries four times before it gives up; the buyer's retry is the fifth request.
    let failures = 4;
    worker.use(
      http.post(`${API_BASE}/orders/${EUR_ORDER}/dispute/withdrawal`, ({ request }) => {
        const key = request.headers.get('Idempotency-Key') ?? '';
        keys.push(key);
        if (key === '' || key !== keys[0]) {
          return HttpResponse.json({ type: 'urn:amicable:problem:validation', title: 'Another key', status: 400 }, { status: 400 });
        }
        if (failures-- > 0) {
          return HttpResponse.json(
            { type: 'urn:amicable:problem:internal', title: 'Internal error', status: 500 },
            { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
          );
        }
        return undefined;
      }),
    );
    await tabTo(view, 'Withdraw the dispute');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Withdraw your dispute?');
    await tabTo(view, 'Yes, withdraw');
    const reported = oneEvent(view, 'amicable-error');
    await sendKeys({ press: 'Enter' });
    const { detail } = await reported;
    expect(detail.code).to.equal('urn:amicable:problem:internal');
    await waitUntil(() => view.shadowRoot!.querySelector('.alert') !== null, 'the failure shown');
    expect(squash(view.shadowRoot!.querySelector('.alert')!.textContent)).to.contain(detail.message);
    expect(view.announced.at(-1)).to.equal(detail.message);
    expect(detail.message).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(squash(focused(view)?.textContent)).to.equal('Yes, withdraw');
    expect(keys).to.have.length(4);
    await expect(view).to.be.accessible();

    await tabTo(view, 'Try again', true);
    const withdrawn = oneEvent(view, 'amicable-dispute-withdrawn');
    await sendKeys({ press: 'Enter' });
    expect((await withdrawn).detail.dispute.status).to.equal('withdrawn');
    expect(keys).to.have.length(5);
    expect(new Set(keys).size).to.equal(1);
  });

  it('sends an edited reason as a new request, with a new Idempotency-Key', async () => {
    const view = await viewOf(t, await counterOffered(t));
    const bodies = new Map<string, string>();
    let failures = 4;
    worker.use(
      http.post(`${API_BASE}/orders/${EUR_ORDER}/dispute/escalation`, async ({ request }) => {
        const key = request.headers.get('Idempotency-Key') ?? '';
        const body = await request.clone().text();
        // As a backend does: one key, one body.
        if (key === '' || (bodies.has(key) && bodies.get(key) !== body)) {
          return HttpResponse.json({ type: 'urn:amicable:problem:validation', title: 'Key reused', status: 422 }, { status: 422 });
        }
        bodies.set(key, body);
        if (failures-- > 0) return HttpResponse.json({ title: 'Unavailable', status: 503 }, { status: 503 });
        return undefined;
      }),
    );
    await tabTo(view, 'Ask support to decide');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Ask support to decide?');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'We cannot agree' });
    await tabTo(view, 'Yes, ask support');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => view.shadowRoot!.querySelector('.alert') !== null, 'the failure shown');

    await sendKeys({ down: 'Shift' });
    for (let presses = 0; presses < 6 && focused(view)?.localName !== 'textarea'; presses++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(view)?.localName).to.equal('textarea');
    await sendKeys({ type: ' on the amount.' });
    await tabTo(view, 'Yes, ask support');
    const escalated = oneEvent(view, 'amicable-dispute-escalated');
    await sendKeys({ press: 'Enter' });
    expect((await escalated).detail.dispute.escalation?.reason).to.equal('We cannot agree on the amount.');
    expect(bodies.size).to.equal(2);
  });

  it('shows where the dispute stands when it moved on while the buyer was confirming', async () => {
    const view = await viewOf(t, await counterOffered(t));
    await tabTo(view, 'Accept the counter-offer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(focused(view)?.textContent) === 'Accept this counter-offer?');
    await t.advance(48 * HOUR);
    await tabTo(view, 'Yes, accept');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => view.dispute?.status === 'escalated', 'the dispute as it now stands');
    await waitUntil(() => squash(focused(view)?.textContent) === 'What you can do');
    expect(squash(view.shadowRoot!.querySelector('.alert')!.textContent)).to.equal(
      'Someone else changed this case in the meantime. It now shows the latest state.',
    );
    expect(view.announced.at(-1)).to.equal('Someone else changed this case in the meantime. It now shows the latest state.');
    expect(squash(view.shadowRoot!.querySelector('[part~="status"]')!.textContent)).to.contain(
      'Your answer to the counter-offer did not come in time.',
    );
    expect(offered(view)).to.deep.equal(['Withdraw the dispute']);
    await expect(view).to.be.accessible();
  });
});
