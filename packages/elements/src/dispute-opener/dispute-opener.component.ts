import { idempotencyKey, type MediationClient } from '@amicable/client';
import {
  currentNodeId,
  failureOf,
  intakeMachine,
  intakeSelectors,
  type IntakeActor,
  type IntakeEvent,
  type IntakeInput,
  type IntakeSnapshot,
  type SubmitDisputeInput,
} from '@amicable/machine';
import type { Dispute, OrderContext, Photo } from '@amicable/protocol';
import { provide } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { createActor, fromPromise } from 'xstate';
import { DisputeElement } from '../base/dispute-element.js';
import { intakeActorContext } from '../context/contexts.js';
import { ActorController } from '../controllers/actor-controller.js';
import { Announcer } from '../controllers/announcer.js';
import { LiveDisputeController } from '../controllers/live-dispute-controller.js';
import { changeEvents } from '../events/dispute-change-events.js';
import { renderDisputeStatus } from '../dispute-status/dispute-status.js';
import { disputeStatusStyles } from '../dispute-status/dispute-status.styles.js';
import { DisputeCreatedEvent } from '../events/dispute-created.js';
import type { PhotosChangedEvent } from '../events/photos-changed.js';
import type { PhotoUploader } from '../photo-uploader/photo-uploader.component.js';
import { failureMessageKey } from '../localization/failure-message.js';
import { parseAmount } from '../money/amount-text.js';
import { nestedTag } from '../registration.js';
import { controlStyles } from '../styles/controls.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import { BuyerActions } from './buyer-actions.js';
import { disputeOpenerStyles } from './dispute-opener.styles.js';
import { clearDraft, draftKey, loadDraft, saveDraft, type Draft } from './draft-storage.js';
import { amountProblem, renderIntake } from './intake-view.js';

// The nested uploader's parts, exported under an `uploader-` prefix.
const UPLOADER_PARTS = ['base', 'dropzone', 'add-button', 'camera-button', 'list', 'item', 'thumbnail', 'remove-button', 'progress', 'error', 'retry-button', 'message', 'error-message']
  .map((part) => `${part}: uploader-${part}`)
  .join(', ');

/**
 * @summary The buyer's side of a dispute: a guided intake that opens it, then its status, kept
 * live, with the buyer's answers to the seller.
 *
 * Give it `order-id` and a client (`client`, a provided one, or `api-base` with `getToken`). Without
 * a dispute on the order it walks the buyer through the decision tree ("what went wrong?"), a
 * description, photos where the outcome asks for them, one or more proposed solutions (a partial
 * refund within its bounds), a review and the submission. The draft is kept in `localStorage`, so a
 * reload or a failed submission loses nothing. With a dispute it shows where the dispute stands,
 * its deadline and what happens if nobody acts, the timeline, and lets the buyer answer a
 * counter-offer, ask support to decide or withdraw; the seller's answer appears without a reload.
 *
 * @event amicable-dispute-created - The buyer's dispute was opened; `detail.dispute`.
 * @event amicable-proposal-accepted - The seller accepted a proposal (`by: 'seller'`), or the buyer the counter-offer (`by: 'buyer'`); `detail.resolution`.
 * @event amicable-proposal-countered - The seller made a counter-offer; `detail.resolution`.
 * @event amicable-proposal-rejected - The seller rejected the proposals, or the buyer the counter-offer; `detail.by`, `detail.reason`.
 * @event amicable-dispute-escalated - The case went to support: the seller's or the buyer's request, or a lapsed deadline.
 * @event amicable-dispute-withdrawn - The buyer withdrew the dispute.
 * @event amicable-photos-changed - A photo finished uploading or was removed (from the nested uploader).
 * @event amicable-error - Loading, sending or uploading failed; `detail.message` is what the buyer sees.
 *
 * @csspart base - The wrapper of everything; carries `dir` and `lang`.
 * @csspart loading - The loading message.
 * @csspart progress - The list of the intake's steps; the current one has `aria-current="step"`.
 * @csspart step-heading - The heading of the current step, focused when the step changes.
 * @csspart option - An answer to a question.
 * @csspart description - The description field with its guidance, limits and character count.
 * @csspart uploader - The nested photo uploader.
 * @csspart uploader-base - The nested uploader's `base` part (see `<photo-uploader>`).
 * @csspart uploader-dropzone - The nested uploader's `dropzone` part (see `<photo-uploader>`).
 * @csspart uploader-add-button - The nested uploader's `add-button` part (see `<photo-uploader>`).
 * @csspart uploader-camera-button - The nested uploader's `camera-button` part (see `<photo-uploader>`).
 * @csspart uploader-list - The nested uploader's `list` part (see `<photo-uploader>`).
 * @csspart uploader-item - The nested uploader's `item` part (see `<photo-uploader>`).
 * @csspart uploader-thumbnail - The nested uploader's `thumbnail` part (see `<photo-uploader>`).
 * @csspart uploader-remove-button - The nested uploader's `remove-button` part (see `<photo-uploader>`).
 * @csspart uploader-progress - The nested uploader's `progress` part (see `<photo-uploader>`).
 * @csspart uploader-error - The nested uploader's `error` part (see `<photo-uploader>`).
 * @csspart uploader-retry-button - The nested uploader's `retry-button` part (see `<photo-uploader>`).
 * @csspart uploader-message - The nested uploader's `message` part (see `<photo-uploader>`).
 * @csspart uploader-error-message - The nested uploader's `error-message` part: the photo count's error (see `<photo-uploader>`).
 * @csspart proposal - A solution the buyer can propose, with what it means.
 * @csspart amount - The partial refund's amount field.
 * @csspart review - The summary of everything entered, with a link to edit each section.
 * @csspart actions - The row of a step's buttons.
 * @csspart back-button - Goes to the previous step, undoing the last answer on a question.
 * @csspart next-button - Goes on to the next step.
 * @csspart submit-button - Sends the case, or sends it again after a failure.
 * @csspart cancel-button - Stops a submission in flight.
 * @csspart error - An error message: a field's, a failed submission's or a failed load's.
 * @csspart status - The dispute's status.
 * @csspart headline - Where the dispute stands, in words; focused when an action ends.
 * @csspart deadline - The deadline, as a local date and time, and what happens if nobody acts.
 * @csspart settlement - The agreed or decided resolution and its money split.
 * @csspart counter-offer - The seller's counter-offer.
 * @csspart timeline - Who did what, when.
 * @csspart timeline-entry - One entry of the timeline.
 *
 * @cssproperty --amicable-dispute-opener-max-width - The widest the element grows (40rem).
 * @cssproperty --amicable-dispute-opener-thumb-size - Width and height of a photo in the review (4.5rem).
 * @cssproperty --amicable-dispute-status-accent - The rule beside the deadline and the timeline.
 */
export class DisputeOpener extends DisputeElement {
  static override styles = [themeStyles, controlStyles, disputeStatusStyles, disputeOpenerStyles];

  /** The running intake, shared with the nested `<photo-uploader>`. */
  @provide({ context: intakeActorContext })
  @state()
  protected intakeActor?: IntakeActor;

  /** Uploaded photos as the backend described them, for thumbnails; the intake holds their ids. */
  @state() private photos: readonly Photo[] = [];
  @state() private revealed = false;
  @state() private refundText?: string;
  @state() private amountChecked = false;

  readonly #intake = new ActorController<IntakeActor>(this);
  readonly #announcer = new Announcer(this);

  readonly #live = new LiveDisputeController(this, {
    onChange: (dispute, previous) => {
      if (previous === undefined) return;
      for (const event of changeEvents(previous, dispute)) this.dispatchEvent(event);
      this.#announcer.say(this.l10n.value.t('live.updated'));
    },
    onError: (error) => this.reportError(error),
  });

  readonly #actions = new BuyerActions(this, {
    client: () => this.activeClient,
    l10n: () => this.l10n.value,
    sellerName: () => this.context?.seller.displayName,
    onDispute: (dispute) => {
      // An answer for an order the element no longer shows is not this page's business any more.
      if (dispute.orderId !== this.orderId) return;
      // Compared with the latest seen, not the one the action started from: the live watch may
      // have brought the change first, and then told the host already.
      const before = this.#live.dispute;
      this.#show(dispute);
      if (before !== undefined) for (const event of changeEvents(before, dispute)) this.dispatchEvent(event);
    },
    onError: (error) => this.reportError(error),
    announce: (text) => this.#announcer.say(text),
  });

  #draftKey = '';
  #snapshot: IntakeSnapshot | undefined;
  #view = '';
  #shown = '';
  #hadContent = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('orderId') && changed.get('orderId') !== undefined) {
      // Another order: nothing of this one's flow applies to it.
      this.#live.stop();
      this.#intake.use(undefined);
      this.intakeActor = undefined;
    }
    const snapshot = this.#intake.snapshot;
    if (snapshot !== undefined && snapshot !== this.#snapshot) this.#follow(snapshot);
  }

  protected override render(): TemplateResult {
    const l10n = this.l10n.value;
    return html`<div part="base" class="base stack" dir=${l10n.dir} lang=${l10n.locale}>
      ${this.#body()}
      ${this.#announcer.region()}
    </div>`;
  }

  protected override updated(): void {
    const view = this.#view;
    if (view === this.#shown) return;
    // Focus follows the flow, never on the first content, so that the element does not take the page's focus on load.
    if (this.#hadContent && view !== 'loading') this.renderRoot.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
    this.#hadContent ||= view !== 'loading' && view !== 'configuration';
    this.#shown = view;
  }

  #body(): unknown {
    const t = this.l10n.value.t.bind(this.l10n.value);
    const state = this.order.state;
    const snapshot = this.#intake.snapshot;
    if (this.orderId === '' || this.activeClient === undefined) {
      this.#view = 'configuration';
      return html`<p part="error" class="alert">${t('error.configuration')}</p>`;
    }
    const dispute = this.#live.dispute;
    if (dispute !== undefined) {
      this.#view = 'dispute';
      const context = this.context;
      return html`${renderDisputeStatus({
        l10n: this.l10n.value,
        dispute,
        role: 'buyer',
        tree: context?.tree,
        buyerName: context?.buyer.displayName,
        sellerName: context?.seller.displayName,
      })}${this.#actions.render(dispute)}`;
    }
    if (state.status === 'failed') {
      this.#view = 'load-failed';
      return html`<div part="error" class="alert">
        <p id="heading" tabindex="-1">${t(failureMessageKey(failureOf(state.error).code))}</p>
        <div><button @click=${() => this.order.reload()}>${t('common.retry')}</button></div>
      </div>`;
    }
    if (state.status !== 'ready' || snapshot === undefined) {
      this.#view = 'loading';
      return html`<p part="loading" class="muted">${t('common.loading')}</p>`;
    }
    this.#view = snapshot.value === 'question' ? `question:${currentNodeId(snapshot.context)}` : snapshot.value;
    return renderIntake({
      l10n: this.l10n.value,
      snapshot,
      photos: this.photos,
      revealed: this.revealed,
      refundText: this.refundText,
      amountChecked: this.amountChecked,
      send: this.#send,
      next: this.#next,
      submit: this.#submit,
      setRefundText: this.#setRefundText,
      checkAmount: this.#checkAmount,
      uploader: this.#uploader,
    });
  }

  protected override contextFailed(error: unknown): void {
    this.#announcer.say(this.reportError(error));
  }

  /** Starts from a loaded context: the dispute it has, else the intake, from a fitting draft if one was saved. */
  protected override contextLoaded(context: OrderContext): void {
    this.#draftKey = draftKey(context.orderId, context.tree);
    if (context.dispute !== null) {
      clearDraft(this.#draftKey);
      this.#show(context.dispute);
      return;
    }
    const input: IntakeInput = { orderId: context.orderId, tree: context.tree, price: context.price };
    const machine = intakeMachine.provide({
      actors: {
        submitDispute: fromPromise<Dispute, SubmitDisputeInput>(({ input: { request, idempotencyKey }, signal }) =>
          (this.activeClient as MediationClient).openDispute(request.orderId, request, { idempotencyKey, signal })),
      },
    });
    const draft = loadDraft(this.#draftKey);
    let actor: IntakeActor | undefined;
    try {
      if (draft !== undefined && intakeSelectors.draftFits(draft.snapshot, input)) {
        // The buyer's answers come from the draft; the tree is the one in effect now (the host's, say).
        const snapshot = { ...draft.snapshot, context: { ...draft.snapshot.context, tree: context.tree } };
        actor = createActor(machine, { input, snapshot });
      }
    } catch {
      // A draft the machine cannot restore is dropped: the buyer starts over.
    }
    this.photos = actor === undefined ? [] : (draft as Draft).photos;
    this.#snapshot = undefined;
    actor ??= createActor(machine, { input });
    this.#intake.use(actor);
    this.intakeActor = actor;
  }

  /** Reacts to a new snapshot of the intake: keeps the draft, and shows the dispute once it is opened. */
  #follow(snapshot: IntakeSnapshot): void {
    const previous = this.#snapshot;
    this.#snapshot = snapshot;
    const created = snapshot.context.dispute;
    if (snapshot.status === 'done' && created !== null) {
      clearDraft(this.#draftKey);
      this.#show(created);
      this.dispatchEvent(new DisputeCreatedEvent({ dispute: created }));
      this.#announcer.say(this.l10n.value.t('opener.created'));
      return;
    }
    this.#save();
    if (previous === undefined || previous.value === snapshot.value) return;
    this.revealed = false;
    this.amountChecked = false;
    this.refundText = undefined;
    if (snapshot.value === 'failed') {
      this.#announcer.say(this.reportError(snapshot.context.error));
      // The order got a dispute meanwhile (another tab): show it.
      if (snapshot.context.error?.code === 'urn:amicable:problem:dispute-exists') this.order.reload();
    }
  }

  #show(dispute: Dispute): void {
    this.showing(dispute);
    this.#live.watch(this.orderId, this.activeClient);
    this.#live.seen(dispute);
  }

  #save(): void {
    const actor = this.#intake.actor;
    if (actor === undefined || this.#draftKey === '') return;
    const attached = actor.getSnapshot().context.photos;
    saveDraft(this.#draftKey, {
      snapshot: actor.getPersistedSnapshot() as Draft['snapshot'],
      photos: this.photos.filter((photo) => attached.some((a) => a.id === photo.id)),
    });
  }

  /** Shows the current step's errors, reads the first one out, and puts focus on the first field in error. */
  async #reveal(focus: boolean): Promise<void> {
    await this.updateComplete;
    // The photo count's error is the nested uploader's, tied to its add button.
    const uploader = this.renderRoot.querySelector<PhotoUploader>('[part~="uploader"]');
    await uploader?.updateComplete;
    const error = this.renderRoot.querySelector('.field-error, .alert')?.textContent?.trim() || uploader?.errorMessage;
    if (error) this.#announcer.say(error);
    if (!focus) return;
    const invalid = this.renderRoot.querySelector('[aria-invalid="true"]') ?? uploader?.shadowRoot?.querySelector('[aria-invalid="true"]');
    (invalid as HTMLElement | null | undefined)?.focus();
  }

  #send = (event: IntakeEvent): void => {
    if (event.type === 'TOGGLE_PROPOSAL') {
      this.refundText = undefined;
      this.amountChecked = false;
    }
    this.#intake.send(event);
  };

  #next = (): void => {
    const snapshot = this.#intake.snapshot;
    if (snapshot === undefined) return;
    const text = this.refundText;
    const amountOk = text === undefined || amountProblem(this.l10n.value, snapshot, text) === null;
    if (amountOk && snapshot.can({ type: 'NEXT' })) {
      this.#intake.send({ type: 'NEXT' });
      return;
    }
    this.revealed = true;
    this.amountChecked = true;
    void this.#reveal(true);
  };

  #submit = (): void => {
    const key = idempotencyKey();
    if (this.#intake.snapshot?.can({ type: 'SUBMIT', key })) this.#intake.send({ type: 'SUBMIT', key });
    else void this.#reveal(false);
  };

  #setRefundText = (text: string): void => {
    this.refundText = text;
    const snapshot = this.#intake.snapshot;
    const refund = snapshot && intakeSelectors.proposedRefund(snapshot);
    if (snapshot === undefined || refund === undefined) return;
    const amount = parseAmount(text, refund.currency, this.l10n.value.locale);
    if (amount !== null && intakeSelectors.refundError(snapshot, amount) === null) this.#intake.send({ type: 'SET_REFUND', amount });
  };

  #checkAmount = (): void => {
    this.amountChecked = true;
    void this.#reveal(false);
  };

  #uploader = (countError: string): TemplateResult => {
    const tag = unsafeStatic(nestedTag(this, 'photoUploader'));
    // Too few photos while some are still on their way: the buyer has only to wait.
    const busy = this.renderRoot?.querySelector<PhotoUploader>('[part~="uploader"]')?.busy === true;
    const errorMessage = countError !== '' && busy ? this.l10n.value.t('uploader.invalid.busy') : countError;
    // The list is handed over once per uploader shown: setting it again would cancel uploads in flight.
    const photos = guard([], () => (this.#intake.snapshot?.context.photos ?? []).flatMap((a) => this.photos.filter((p) => p.id === a.id)));
    return staticHtml`<${tag} part="uploader" exportparts=${UPLOADER_PARTS} order-id=${this.orderId}
      theme=${this.theme ?? nothing} .errorMessage=${errorMessage} .client=${this.activeClient} .uploads=${this.context?.uploads} .photos=${photos}
      @amicable-photos-changed=${this.#photosChanged} @amicable-photos-busy=${() => this.requestUpdate()}></${tag}>`;
  };

  #photosChanged = (event: PhotosChangedEvent): void => {
    const known = new Map([...this.photos, ...event.detail.photos].map((photo) => [photo.id, photo]));
    this.photos = [...known.values()];
    this.#save();
  };
}
