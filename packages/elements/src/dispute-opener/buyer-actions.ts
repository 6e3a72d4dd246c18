import { ConflictError, idempotencyKey, type MediationClient } from '@amicable/client';
import { ALLOWED, type LifecycleEventType } from '@amicable/machine';
import type { Dispute } from '@amicable/protocol';
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { Localizer } from '../localization/localizer.js';
import { describeResolution } from '../dispute-status/resolution-text.js';

/** What the buyer can do on an open dispute. */
export type BuyerAction = 'accept' | 'reject' | 'withdraw' | 'escalate';

const EVENT_OF: Readonly<Record<BuyerAction, LifecycleEventType>> = {
  accept: 'ACCEPT',
  reject: 'REJECT',
  withdraw: 'WITHDRAW',
  escalate: 'ESCALATE',
};

/** The actions that need the buyer's reason. */
const NEEDS_REASON: ReadonlySet<BuyerAction> = new Set(['reject', 'escalate']);

/**
 * The buyer's actions the lifecycle allows on `dispute` now, read from its rule table (`ALLOWED`),
 * in the order they are offered. Accepting and declining are about a counter-offer, so they need
 * one that is still unanswered.
 */
export function buyerActionsFor(dispute: Dispute): BuyerAction[] {
  const rules = ALLOWED[dispute.status];
  const open = dispute.counterOffer !== null && dispute.counterOffer.answer === null;
  return (['accept', 'reject', 'escalate', 'withdraw'] as const).filter(
    (action) => rules[EVENT_OF[action]]?.includes('buyer') === true && (open || (action !== 'accept' && action !== 'reject')),
  );
}

/** What `BuyerActions` needs from the element it serves. */
export interface BuyerActionsOptions {
  /** The client in effect (the element's `activeClient`). */
  client(): MediationClient | undefined;
  /** The element's localizer. */
  l10n(): Localizer;
  /** How the host names the seller (`OrderContext.seller.displayName`). */
  sellerName?(): string | undefined;
  /** Gets the dispute an action led to, or the current one a conflict brought. */
  onDispute(dispute: Dispute): void;
  /** Reports a failure to the host (`amicable-error`) and returns the message to show. */
  onError(error: unknown): string;
  /** Says `text` through the element's one polite live region. */
  announce(text: string): void;
}

// The whole state of the flow is this one value, replaced on every step: a choice, then a
// confirmation that may be sending or may have failed. Two steps do not need a state machine, and
// one immutable field keeps render and the async send from disagreeing.
type Step =
  | { readonly at: 'choose'; readonly error?: string }
  | {
      readonly at: 'confirm';
      readonly action: BuyerAction;
      readonly reason: string;
      readonly invalid: boolean;
      /** The Idempotency-Key of this action with this reason, kept across its retries. */
      readonly key: string | null;
      readonly sending: boolean;
      readonly error: string | null;
    };

const CHOOSE: Step = { at: 'choose' };
const HEADING = 'buyer-actions-heading';
const REASON = 'buyer-actions-reason';

/**
 * The buyer's actions on an open dispute, rendered under its status by `<dispute-opener>`: accept
 * the seller's counter-offer, decline it with a reason, ask support to decide (with a reason), or
 * withdraw — each offered only where the lifecycle allows the buyer, each with a confirmation.
 * Sends through the client with one Idempotency-Key per action kept across retries, shows the
 * sending state and a localized error with a retry, then hands the new dispute to `onDispute`,
 * where the element tells the host what changed (`changeEvents`). Focus moves to the
 * heading of each new step, and to the status headline (`[part~="headline"]`) once done.
 */
export class BuyerActions {
  readonly #host: ReactiveElement;
  readonly #options: BuyerActionsOptions;
  #step: Step = CHOOSE;

  constructor(host: ReactiveElement, options: BuyerActionsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The actions for `dispute`, or nothing when the buyer can do nothing on it. */
  render(dispute: Dispute): TemplateResult | typeof nothing {
    const l10n = this.#options.l10n();
    const actions = buyerActionsFor(dispute);
    let step = this.#step;
    // The dispute may have moved on (a deadline lapsed) while the buyer was confirming.
    if (step.at === 'confirm' && !step.sending && !actions.includes(step.action)) step = CHOOSE;
    if (step.at === 'choose') {
      if (actions.length === 0 && step.error === undefined) return nothing;
      return html`<section class="stack" aria-labelledby=${HEADING}>
        <h3 id=${HEADING} tabindex="-1">${l10n.t('actions.heading')}</h3>
        ${step.error === undefined ? nothing : html`<p class="alert">${step.error}</p>`}
        <div class="row">
          ${actions.map(
            (action) => html`<button
              type="button"
              class=${action === 'accept' ? 'primary' : action === 'withdraw' ? 'danger' : ''}
              @click=${() => this.#go({ at: 'confirm', action, reason: '', invalid: false, key: null, sending: false, error: null })}
            >${l10n.t(`actions.${action}`)}</button>`,
          )}
        </div>
      </section>`;
    }
    const { action, reason, invalid, sending, error } = step;
    const counter = dispute.counterOffer;
    const seller = this.#options.sellerName?.() ?? l10n.t('status.party.seller');
    return html`<section class="stack card" aria-labelledby=${HEADING} aria-busy=${sending ? 'true' : 'false'}>
      <h3 id=${HEADING} tabindex="-1">${l10n.t(`actions.confirm.${action}`)}</h3>
      <p>${l10n.t(`actions.explain.${action}`, {
        resolution: counter === null ? '' : describeResolution(l10n, counter.resolution, dispute.price),
      })}</p>
      ${NEEDS_REASON.has(action)
        ? html`<div class="field">
            <label for=${REASON}>${l10n.t('actions.reason')}</label>
            <span id="${REASON}-hint" class="hint">${l10n.t('actions.reasonHint', { seller })}</span>
            <textarea
              id=${REASON}
              maxlength="2000"
              aria-required="true"
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby="${REASON}-hint ${REASON}-error"
              .value=${reason}
              @input=${(event: Event) => this.#edit((event.target as HTMLTextAreaElement).value)}
            ></textarea>
            <span id="${REASON}-error" class="field-error">${invalid ? l10n.t('actions.reasonRequired') : nothing}</span>
          </div>`
        : nothing}
      ${error === null
        ? nothing
        : html`<div class="alert">
            <p>${error}</p>
            <div>
              <button type="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => void this.#send(dispute)}>
                ${l10n.t('common.retry')}
              </button>
            </div>
          </div>`}
      <div class="actions">
        <button
          type="button"
          class=${action === 'withdraw' ? 'danger' : 'primary'}
          aria-disabled=${sending ? 'true' : 'false'}
          @click=${() => void this.#send(dispute)}
        >${sending ? l10n.t('actions.sending') : l10n.t(`actions.send.${action}`)}</button>
        <button type="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => !sending && this.#go(CHOOSE)}>
          ${l10n.t('common.cancel')}
        </button>
      </div>
    </section>`;
  }

  /** Moves to `step` and puts focus on its heading. */
  #go(step: Step, focus = `#${HEADING}`): void {
    this.#set(step);
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  #set(step: Step): void {
    this.#step = step;
    this.#host.requestUpdate();
  }

  #edit(reason: string): void {
    const step = this.#step;
    if (step.at !== 'confirm' || step.sending) return;
    // Another reason is another request: it must not reuse the key of the one sent before.
    this.#set({ ...step, reason, key: reason === step.reason ? step.key : null, invalid: step.invalid && reason.trim() === '' });
  }

  async #send(dispute: Dispute): Promise<void> {
    const step = this.#step;
    const client = this.#options.client();
    if (step.at !== 'confirm' || step.sending || client === undefined) return;
    const { action } = step;
    const reason = step.reason.trim();
    if (NEEDS_REASON.has(action) && reason === '') {
      this.#go({ ...step, invalid: true }, `#${REASON}`);
      this.#options.announce(this.#options.l10n().t('actions.reasonRequired'));
      return;
    }
    const key = step.key ?? idempotencyKey();
    // A shown error stays until the retry's answer, so that the focused retry button stays in place.
    this.#set({ ...step, key, sending: true });
    this.#options.announce(this.#options.l10n().t('actions.sending'));
    const options = { idempotencyKey: key };
    const { orderId } = dispute;
    try {
      const next = await (action === 'accept'
        ? client.answerCounter(orderId, { answer: 'accept' }, options)
        : action === 'reject'
          ? client.answerCounter(orderId, { answer: 'reject', reason }, options)
          : action === 'escalate'
            ? client.escalate(orderId, { reason }, options)
            : client.withdraw(orderId, options));
      this.#go(CHOOSE, '[part~="headline"]');
      this.#options.onDispute(next);
    } catch (failure) {
      const message = this.#options.onError(failure);
      this.#options.announce(message);
      const current = failure instanceof ConflictError ? failure.dispute : null;
      if (current === null) {
        this.#set({ ...step, key, sending: false, error: message });
      } else {
        // The dispute changed under the buyer: show where it stands now, and start over from there.
        this.#go({ at: 'choose', error: message });
        this.#options.onDispute(current);
      }
    }
  }
}
