import { idempotencyKey } from '@amicable/client';
import {
  failureOf,
  responseMachine,
  responseSelectors as select,
  type RespondInput,
  type RespondResult,
  type ResponseEvent,
  type ResponseSnapshot,
} from '@amicable/machine';
import { defaultResolution, type Dispute, type OrderContext, type Resolution } from '@amicable/protocol';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { createActor, fromPromise, type Actor } from 'xstate';
import { DisputeElement } from '../base/dispute-element.js';
import { ActorController } from '../controllers/actor-controller.js';
import { Announcer } from '../controllers/announcer.js';
import { LiveDisputeController } from '../controllers/live-dispute-controller.js';
import { renderDisputeStatus } from '../dispute-status/dispute-status.js';
import { disputeStatusStyles } from '../dispute-status/dispute-status.styles.js';
import { changeEvents } from '../events/dispute-change-events.js';
import { failureMessageKey } from '../localization/failure-message.js';
import type { Localizer } from '../localization/localizer.js';
import { controlStyles } from '../styles/controls.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import { amountText, parseAmount } from '../money/amount-text.js';
import { renderEvidence } from './evidence.js';
import { PhotoViewer } from './photo-viewer.js';
import { proposalPickerStyles } from './proposal-picker.styles.js';
import { heading, renderResponse } from './response-form.js';

type ResponseActor = Actor<typeof responseMachine>;

/**
 * The seller's side of a dispute: the buyer's case (answers, words and photos, each photo in a
 * larger view), each of the buyer's proposals with what it means for the money, and the answer:
 * accept a proposal, make one counter-offer within the bounds, or reject with a reason; then a
 * confirmation, and the dispute as it stands afterwards. The case stays live while it is shown:
 * the buyer's answer to a counter-offer, a withdrawal or a lapsed deadline shows without a reload,
 * is said politely, and is told to the host with the same events as the seller's own answers.
 *
 * @summary The seller reviews the buyer's case and accepts, counters or rejects.
 *
 * @event amicable-proposal-accepted - The seller accepted one of the buyer's proposals (`by: 'seller'`), or, seen live, the buyer accepted the seller's counter-offer (`by: 'buyer'`); `detail.resolution`.
 * @event amicable-proposal-countered - The seller sent their counter-offer; the buyer answers next.
 * @event amicable-proposal-rejected - The seller rejected the proposals (`by: 'seller'`), or, seen live, the buyer rejected the counter-offer (`by: 'buyer'`); `detail.reason`; support decides.
 * @event amicable-dispute-escalated - The case went to support (a rejection, a request, or a deadline that lapsed while shown); once.
 * @event amicable-dispute-withdrawn - The buyer withdrew the dispute while it was shown.
 * @event amicable-error - Loading, sending or keeping the case live failed; `detail.message` is the seller's words for it. A live watch that keeps failing reports once per kind of failure.
 *
 * @csspart base - The wrapper; carries `dir` and `lang` of the seller's language.
 * @csspart evidence - The buyer's case.
 * @csspart order - The order, the price paid, who opened the case and the problem.
 * @csspart answers - The buyer's answers to the questions.
 * @csspart description - The buyer's own words.
 * @csspart photos - The grid of thumbnails.
 * @csspart photo - One thumbnail's button.
 * @csspart viewer - The dialog with the larger view of a photo.
 * @csspart viewer-image - The photo in the larger view.
 * @csspart viewer-caption - "Photo 2 of 3" under the larger view, said when it changes.
 * @csspart response - The seller's current step.
 * @csspart step-heading - The heading of the current step; focus moves to it when the step changes after the seller acts.
 * @csspart proposal - One of the buyer's proposals.
 * @csspart split - What an answer means for the money: "You receive …; the buyer is refunded …".
 * @csspart accept-button - Accepts the proposal it belongs to.
 * @csspart counter-button - Starts a counter-offer.
 * @csspart reject-button - Starts a rejection.
 * @csspart deadline - When the time to answer runs out and what happens then, in the seller's answer and in the status.
 * @csspart counter-type - The choice of what the counter-offer is.
 * @csspart amount - The counter-offer's refund.
 * @csspart message - The counter-offer's message.
 * @csspart reason - The rejection's reason.
 * @csspart summary - What is about to happen, on the confirmation.
 * @csspart back-button - Goes back a step.
 * @csspart continue-button - Goes on to the confirmation.
 * @csspart confirm-button - Sends the answer.
 * @csspart retry-button - Sends the same answer again after a failure.
 * @csspart error - An error message, of a field or of the whole step.
 * @csspart status - The dispute as it stands.
 * @csspart headline - The status in one line; focus moves to it when a live change ends the seller's answer.
 * @csspart settlement - What was agreed and who gets what.
 * @csspart counter-offer - The seller's counter-offer and the buyer's answer to it.
 * @csspart timeline - The list of what happened.
 * @csspart timeline-entry - One event of the timeline: when, who and what.
 *
 * @cssproperty --amicable-proposal-picker-thumb-size - The smallest width of a photo thumbnail (6rem).
 * @cssproperty --amicable-proposal-picker-backdrop - What is behind the larger view of a photo (black at 70 %).
 */
export class ProposalPicker extends DisputeElement {
  static override styles = [themeStyles, controlStyles, disputeStatusStyles, proposalPickerStyles];

  readonly #flow = new ActorController<ResponseActor>(this, (snapshot) => this.#onSnapshot(snapshot));
  readonly #live = new LiveDisputeController(this, {
    onChange: (dispute, previous) => this.#onLive(dispute, previous),
    // The controller tells a run of the same failure once.
    onError: (error) => this.reportError(error),
  });
  readonly #viewer = new PhotoViewer(this);
  readonly #announcer = new Announcer(this);

  /** The step where the seller tried to continue with a required field empty. */
  @state() private attemptedAt = '';
  /** The counter-offer's refund as typed, `null` until the seller types. */
  @state() private amount: string | null = null;

  #flowValue = '';
  #step = '';
  /**
   * Whether focus follows the next change of step to its heading: once the seller acts (loading the
   * page must not move their focus), and not when a live change ends the answer while their focus
   * is elsewhere (see `#onLive`).
   */
  #followFocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.get('orderId')) {
      // Another order: nothing of the old one's case applies, and its watch and answer must not tell of it.
      this.#live.stop();
      this.#flow.use(undefined);
      this.#flowValue = '';
      this.#followFocus = false;
      this.amount = null;
      this.attemptedAt = '';
    }
    super.willUpdate(changed);
  }

  protected override updated(): void {
    const step = this.#stepName();
    if (step === this.#step) return;
    this.#step = step;
    if (this.#followFocus) this.renderRoot.querySelector<HTMLElement>('[part~="step-heading"], [part~="headline"]')?.focus();
  }

  #stepName(): string {
    const snapshot = this.#flow.snapshot;
    return this.order.state.status === 'ready' && snapshot !== undefined ? String(snapshot.value) : this.order.state.status;
  }

  protected override contextFailed(error: unknown): void {
    this.#announcer.say(this.reportError(error));
  }

  protected override contextLoaded(context: OrderContext): void {
    const { dispute } = context;
    this.#start(context, dispute);
    if (dispute !== null) this.showing(dispute);
    // Live once there is a case: reading an order's dispute before there is one is a 404 on every
    // poll, an error in the page's console each time; a seller comes to a case that exists.
    if (dispute !== null && context.role === 'seller') {
      this.#live.watch(context.orderId, this.activeClient);
      this.#live.seen(dispute);
    }
  }

  /** Starts the seller's flow on `dispute` (none when there is no dispute). */
  #start(context: OrderContext, dispute: Dispute | null): void {
    const client = this.activeClient;
    this.amount = null;
    this.#flowValue = '';
    if (dispute === null || client === undefined) return this.#flow.use(undefined);
    const machine = responseMachine.provide({
      actors: {
        respond: fromPromise<RespondResult, RespondInput>(({ input, signal }) =>
          client.respond(context.orderId, input.response, { idempotencyKey: input.idempotencyKey, signal })),
      },
    });
    this.#flow.use(createActor(machine, { input: { dispute, tree: context.tree } }));
  }

  #onSnapshot(snapshot: ResponseSnapshot): void {
    const value = String(snapshot.value);
    if (value === this.#flowValue) return;
    this.#flowValue = value;
    if (snapshot.matches('failed')) this.#announcer.say(this.reportError(snapshot.context.error));
    if (snapshot.matches('done') && snapshot.context.dispute.orderId === this.orderId) this.#answered(snapshot);
  }

  /** The backend took the seller's answer: tell the host what happened. */
  #answered(snapshot: ResponseSnapshot): void {
    const { dispute } = snapshot.context;
    const before = this.#live.dispute;
    this.#live.seen(dispute);
    if (before !== undefined) for (const event of changeEvents(before, dispute)) this.dispatchEvent(event);
  }

  #onLive(dispute: Dispute, previous: Dispute | undefined): void {
    if (dispute.orderId !== this.orderId) return;
    if (previous !== undefined) for (const event of changeEvents(previous, dispute)) this.dispatchEvent(event);
    const snapshot = this.#flow.snapshot;
    const loaded = this.order.state;
    // The seller's own answer on its way is told by the step that follows it.
    if (snapshot === undefined || loaded.status !== 'ready' || snapshot.matches('submitting')) return;
    this.#announcer.say(this.l10n.value.t('live.updated'));
    // The buyer withdrew or the deadline lapsed while the seller answers: no answer is possible any
    // more. Focus goes to the new status only from the answer that goes; elsewhere it stays.
    if (!(snapshot.matches('closed') || snapshot.matches('done')) && dispute.status !== 'awaiting_seller') {
      this.#followFocus = this.renderRoot.querySelector('[part~="response"]')?.contains((this.renderRoot as ShadowRoot).activeElement) ?? false;
      this.#start(loaded.context, dispute);
    }
  }

  #send = (event: ResponseEvent): void => {
    this.#followFocus = true;
    this.#flow.send(event);
  };

  /**
   * The dispute to show: the live one (which also records the seller's own answer), unless it is
   * older than the flow's, as a read that was under way while the answer was sent can be.
   */
  #shown(snapshot: ResponseSnapshot): Dispute {
    const own = snapshot.context.dispute;
    const latest = this.#live.dispute;
    return latest !== undefined && latest.id === own.id && Date.parse(latest.updatedAt) >= Date.parse(own.updatedAt) ? latest : own;
  }

  async #next(): Promise<void> {
    const snapshot = this.#flow.snapshot;
    if (snapshot === undefined) return;
    if (select.canContinue(snapshot)) return this.#send({ type: 'CONTINUE' });
    this.attemptedAt = String(snapshot.value);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    this.#announcer.say(this.renderRoot.querySelector('.field-error')?.textContent ?? '');
  }

  #typeAmount(text: string, announce: boolean): void {
    const snapshot = this.#flow.snapshot;
    if (snapshot === undefined) return;
    const { currency } = snapshot.context.dispute.price;
    this.amount = text;
    const amount = parseAmount(text, currency, this.l10n.value.locale) ?? { amount: Number.NaN, currency };
    this.#send({ type: 'SET_COUNTER', resolution: { type: 'partial_refund', amount } });
    if (announce) void this.updateComplete.then(() => this.#announcer.say(this.renderRoot.querySelector('#counter-error')?.textContent ?? ''));
  }

  #chooseType(type: Resolution['type']): void {
    const snapshot = this.#flow.snapshot;
    const option = snapshot?.context.outcome?.resolutions.find((o) => o.type === type);
    if (snapshot === undefined || option === undefined) return;
    const { price } = snapshot.context.dispute;
    const current = snapshot.context.counter.resolution;
    // Keep the refund the seller had, for when they come back to it.
    if (current?.type === 'partial_refund') this.amount ??= amountText(current.amount, this.l10n.value.locale);
    const typed = this.amount === null ? null : parseAmount(this.amount, price.currency, this.l10n.value.locale);
    const resolution: Resolution = type === 'partial_refund' && typed !== null ? { type, amount: typed } : defaultResolution(option, price);
    if (type === 'partial_refund' && resolution.type === 'partial_refund') this.amount = amountText(resolution.amount, this.l10n.value.locale);
    this.#send({ type: 'SET_COUNTER', resolution });
  }

  protected override render(): TemplateResult {
    const l10n = this.l10n.value;
    return html`<div part="base" class="stack" dir=${l10n.dir} lang=${l10n.locale}>
      ${this.#body(l10n)}
      ${this.#announcer.region()}
    </div>`;
  }

  #body(l10n: Localizer): TemplateResult {
    const loaded = this.order.state;
    if (this.orderId === '' || this.activeClient === undefined) {
      return html`<p part="error" class="alert">${l10n.t('error.configuration')}</p>`;
    }
    if (loaded.status === 'failed') {
      return html`<div part="error" class="alert">
        <p>${l10n.t(failureMessageKey(failureOf(loaded.error).code))}</p>
        <div><button type="button" part="retry-button" @click=${() => this.order.reload()}>${l10n.t('common.retry')}</button></div>
      </div>`;
    }
    if (loaded.status !== 'ready') return html`<p aria-busy="true">${l10n.t('common.loading')}</p>`;
    const { context } = loaded;
    const snapshot = this.#flow.snapshot;
    if (context.role !== 'seller') return html`<p>${l10n.t('picker.wrongRole')}</p>`;
    if (snapshot === undefined) return html`<p>${l10n.t('picker.noDispute')}</p>`;
    const dispute = this.#shown(snapshot);
    const status = (): TemplateResult =>
      renderDisputeStatus({
        l10n,
        dispute,
        role: 'seller',
        tree: context.tree,
        buyerName: context.buyer.displayName,
        sellerName: context.seller.displayName,
      });
    let step: TemplateResult;
    if (snapshot.matches('closed')) {
      step = select.closedBecause(snapshot) === 'not_awaiting_seller'
        ? status()
        : html`${heading(l10n.t('picker.treeChanged.heading'))}<p part="error" class="alert">${l10n.t('picker.treeChanged')}</p>`;
    } else if (snapshot.matches('done')) {
      step = html`${heading(l10n.t('picker.done'))}${status()}`;
    } else {
      step = renderResponse({
        l10n,
        snapshot,
        names: { buyer: context.buyer.displayName, seller: context.seller.displayName },
        amount: this.amount,
        attempted: this.attemptedAt === String(snapshot.value),
        send: this.#send,
        accept: (proposalId) => {
          this.#send({ type: 'CHOOSE_ACCEPT', proposalId });
          this.#send({ type: 'CONTINUE' });
        },
        chooseType: (type) => this.#chooseType(type),
        typeAmount: (text, announce) => this.#typeAmount(text, announce),
        next: () => void this.#next(),
        // Accepting is chosen and continued in one go, so going back skips over it too.
        back: () => {
          this.#send({ type: 'BACK' });
          if (this.#flow.snapshot?.matches('accepting')) this.#send({ type: 'BACK' });
        },
        confirm: () => this.#send({ type: 'CONFIRM', key: idempotencyKey() }),
      });
    }
    return html`${renderEvidence(l10n, context, dispute, (index, thumbnail) => void this.#viewer.open(index, thumbnail))}
      ${this.#viewer.render(l10n, dispute.photos)}
      <div part="response" class="stack">${step}</div>`;
  }
}
