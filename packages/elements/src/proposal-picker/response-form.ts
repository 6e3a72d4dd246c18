import { responseSelectors as select, type ResponseEvent, type ResponseSnapshot } from '@amicable/machine';
import {
  canPriceBounds,
  concreteBounds,
  defaultResolution,
  type Money,
  type Resolution,
  type ResolutionOption,
  type SellerResponse,
  type Split,
} from '@amicable/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { renderDeadline, split as splitOf, type Names } from '../dispute-status/dispute-status.js';
import { describeResolution } from '../dispute-status/resolution-text.js';
import { failureMessageKey } from '../localization/failure-message.js';
import type { Localizer } from '../localization/localizer.js';
import { amountText } from '../money/amount-text.js';

/** What the seller's steps are drawn from, and where their actions go. */
export interface ResponseView {
  readonly l10n: Localizer;
  readonly snapshot: ResponseSnapshot;
  /** How the host names the parties. */
  readonly names: Names;
  /** The refund as typed, while the seller edits it; `null` shows the counter-offer's amount. */
  readonly amount: string | null;
  /** The seller tried to continue from this step: a missing answer is shown as an error. */
  readonly attempted: boolean;
  send(event: ResponseEvent): void;
  accept(proposalId: string): void;
  chooseType(type: Resolution['type']): void;
  typeAmount(text: string, announce: boolean): void;
  next(): void;
  back(): void;
  confirm(): void;
}

/** A step's heading, which focus moves to when the step changes. */
export const heading = (text: string): TemplateResult =>
  html`<h2 id="step-heading" part="step-heading" tabindex="-1">${text}</h2>`;

const fieldError = (id: string, text: string | null): TemplateResult | typeof nothing =>
  text === null ? nothing : html`<p id=${id} part="error" class="field-error">${text}</p>`;

const COUNTER_ERRORS = {
  missing: 'picker.counter.error.missing',
  invalid_amount: 'picker.counter.error.invalid_amount',
  below_min: 'picker.counter.error.below_min',
  above_max: 'picker.counter.error.above_max',
  same_as_proposal: 'picker.counter.error.same_as_proposal',
} as const;

/** "You receive €48.80; Anna is refunded €12.20.", in the status's words. */
const splitText = (view: ResponseView, split: Split): string => splitOf(view.l10n, split, 'seller', view.names);

function actions(view: ResponseView, next: TemplateResult): TemplateResult {
  return html`<div class="actions">
    <button type="button" part="back-button" @click=${view.back}>${view.l10n.t('common.back')}</button>${next}
  </div>`;
}

function continueButton(view: ResponseView): TemplateResult {
  return html`<button type="button" part="continue-button" class="primary" @click=${view.next}>${view.l10n.t('common.continue')}</button>`;
}

/** The step of the seller's flow the snapshot stands at (not `closed` or `done`, which the element draws). */
export function renderResponse(view: ResponseView): TemplateResult {
  const { snapshot } = view;
  if (snapshot.matches('countering')) return countering(view);
  if (snapshot.matches('rejecting')) return rejecting(view);
  if (snapshot.matches('reviewing') || snapshot.matches('accepting')) return reviewing(view);
  return confirming(view);
}

function reviewing(view: ResponseView): TemplateResult {
  const { l10n, snapshot } = view;
  const { dispute } = snapshot.context;
  const choices = select.choices(snapshot);
  return html`${heading(l10n.t('picker.review.heading'))}
    <p>${l10n.t(choices.includes('counter') ? 'picker.review.intro' : 'picker.review.introNoCounter')}</p>
    <ul class="proposals">
      ${select.proposalSplits(snapshot).map(
        ({ proposal, split }, index) => html`<li part="proposal" class="card stack">
          <p id="proposal-${index}"><strong>${describeResolution(l10n, proposal.resolution, dispute.price)}</strong></p>
          ${split === null
            ? html`<p class="muted">${l10n.t('picker.unsettleable')}</p>`
            : html`<p part="split" class="split">${splitText(view, split)}</p>
                <div><button type="button" part="accept-button" class="primary" aria-describedby="proposal-${index}"
                  @click=${() => view.accept(proposal.id)}>${l10n.t('picker.accept')}</button></div>`}
        </li>`,
      )}
    </ul>
    ${renderDeadline(l10n, dispute, 'seller', view.names)}
    <div class="actions">
      ${choices.includes('counter')
        ? html`<button type="button" part="counter-button" @click=${() => view.send({ type: 'CHOOSE_COUNTER' })}>${l10n.t('picker.counter')}</button>`
        : nothing}
      <button type="button" part="reject-button" class="danger" @click=${() => view.send({ type: 'CHOOSE_REJECT' })}>${l10n.t('picker.reject')}</button>
    </div>`;
}

/** The bounds of a partial refund at this outcome, when it offers one that can be priced. */
function refundBounds(options: readonly ResolutionOption[], price: Money): { min: Money; max: Money } | null {
  const option = options.find((o) => o.type === 'partial_refund');
  return option?.type === 'partial_refund' && canPriceBounds(option.bounds, price) ? concreteBounds(option.bounds, price) : null;
}

function countering(view: ResponseView): TemplateResult {
  const { l10n, snapshot } = view;
  const { dispute, outcome, counter } = snapshot.context;
  const options = outcome?.resolutions ?? [];
  const current = counter.resolution;
  const bounds = refundBounds(options, dispute.price);
  const error = select.counterError(snapshot);
  const money = (m: Money): string => l10n.money(m);
  // The rule's other faults (not offered, terms that differ…) cannot come from this form: one message for them.
  const key = error !== null && error in COUNTER_ERRORS ? COUNTER_ERRORS[error as keyof typeof COUNTER_ERRORS] : 'picker.counter.error.other';
  const errorText = error === null ? null : l10n.t(key, {
    min: bounds === null ? '' : money(bounds.min),
    max: bounds === null ? '' : money(bounds.max),
    example: bounds === null ? '' : amountText(bounds.min, l10n.locale),
  });
  const onAmount = current?.type === 'partial_refund' && bounds !== null;
  const messageError = select.counterMessageError(snapshot) === null ? null : l10n.t('common.tooLong', { max: 2000 });
  const preview = select.splitPreview(snapshot);
  return html`${heading(l10n.t('picker.counter'))}
    <p>${l10n.t('picker.counter.intro', { count: outcome?.deadline.buyerHours ?? 0 })}</p>
    <div class="field">
      <label for="counter-type">${l10n.t('picker.counter.type')}</label>
      <select id="counter-type" part="counter-type" aria-invalid=${!onAmount && errorText !== null}
        aria-describedby=${!onAmount && errorText !== null ? 'counter-error' : nothing}
        @change=${(event: Event) => view.chooseType((event.target as HTMLSelectElement).value as Resolution['type'])}>
        ${options.map(
          (option) => html`<option value=${option.type} ?selected=${current?.type === option.type}>
            ${option.type === 'partial_refund' ? l10n.t('picker.counter.partial') : describeResolution(l10n, defaultResolution(option, dispute.price), dispute.price)}
          </option>`,
        )}
      </select>
      ${onAmount ? nothing : fieldError('counter-error', errorText)}
    </div>
    ${onAmount && bounds !== null
      ? html`<div class="field">
          <label for="counter-amount">${l10n.t('picker.counter.amount', { currency: dispute.price.currency })}</label>
          <span id="counter-bounds" class="hint">${l10n.t('picker.counter.bounds', { min: money(bounds.min), max: money(bounds.max) })}</span>
          <input id="counter-amount" part="amount" inputmode="decimal" autocomplete="off" required
            aria-invalid=${errorText !== null} aria-describedby="counter-bounds ${errorText === null ? '' : 'counter-error'}"
            .value=${live(view.amount ?? (current.type === 'partial_refund' ? amountText(current.amount, l10n.locale) : ''))}
            @input=${(event: Event) => view.typeAmount((event.target as HTMLInputElement).value, false)}
            @change=${(event: Event) => view.typeAmount((event.target as HTMLInputElement).value, true)} />
          ${fieldError('counter-error', errorText)}
        </div>`
      : nothing}
    ${preview === null ? nothing : html`<p part="split" class="split">${splitText(view, preview)}</p>`}
    <div class="field">
      <label for="counter-message">${l10n.t('picker.counter.message')}</label>
      <textarea id="counter-message" part="message" aria-invalid=${messageError !== null}
        aria-describedby=${messageError === null ? nothing : 'message-error'} .value=${live(counter.message)}
        @input=${(event: Event) => view.send({ type: 'SET_COUNTER_MESSAGE', message: (event.target as HTMLTextAreaElement).value })}></textarea>
      ${fieldError('message-error', messageError)}
    </div>
    ${actions(view, continueButton(view))}`;
}

function rejecting(view: ResponseView): TemplateResult {
  const { l10n, snapshot } = view;
  const error = select.reasonError(snapshot);
  const errorText =
    error === 'too_long' ? l10n.t('common.tooLong', { max: 2000 }) : error === 'required' && view.attempted ? l10n.t('picker.reject.required') : null;
  return html`${heading(l10n.t('picker.reject.heading'))}
    <p>${l10n.t('picker.reject.intro')}</p>
    <div class="field">
      <label for="reason">${l10n.t('picker.reject.reason')}</label>
      <textarea id="reason" part="reason" required aria-invalid=${errorText !== null}
        aria-describedby=${errorText === null ? nothing : 'reason-error'} .value=${live(snapshot.context.reason)}
        @input=${(event: Event) => view.send({ type: 'SET_REASON', reason: (event.target as HTMLTextAreaElement).value })}></textarea>
      ${fieldError('reason-error', errorText)}
    </div>
    ${actions(view, continueButton(view))}`;
}

/** The confirmation, and the same summary while sending and after a failure to send. */
function confirming(view: ResponseView): TemplateResult {
  const { l10n, snapshot } = view;
  const summary = select.summary(snapshot);
  if (summary === null) return html``;
  const { response, split } = summary;
  const sending = snapshot.matches('submitting');
  const failure = select.submitError(snapshot);
  const failed = failure !== null;
  const title = sending ? 'picker.sending' : failed ? 'picker.failed' : 'picker.confirm.heading';
  return html`${heading(l10n.t(title))}
    ${failure === null ? nothing : html`<div part="error" class="alert"><p>${l10n.t(failureMessageKey(failure.code))}</p></div>`}
    <div part="summary" class="card stack">${summaryOf(view, response, split)}</div>
    ${sending
      ? nothing
      : actions(
          view,
          failed
            ? html`<button type="button" part="retry-button" class="primary" @click=${() => view.send({ type: 'RETRY' })}>${l10n.t('common.retry')}</button>`
            : html`<button type="button" part="confirm-button" class=${response.kind === 'reject' ? 'danger' : 'primary'}
                @click=${view.confirm}>${l10n.t(`picker.send.${response.kind}`)}</button>`,
        )}`;
}

function summaryOf(view: ResponseView, response: SellerResponse, split: Split | null): TemplateResult {
  const { l10n, snapshot } = view;
  const { price, proposals } = snapshot.context.dispute;
  const say = (resolution: Resolution): string => describeResolution(l10n, resolution, price);
  const splitLine = split === null ? nothing : html`<p part="split" class="split">${splitText(view, split)}</p>`;
  switch (response.kind) {
    case 'accept': {
      const proposal = proposals.find((p) => p.id === response.proposalId);
      return html`<p>${l10n.t('picker.confirm.accept', { resolution: proposal === undefined ? '' : say(proposal.resolution) })}</p>
        ${splitLine}<p>${l10n.t('picker.confirm.final')}</p>`;
    }
    case 'counter':
      return html`<p>${l10n.t('picker.confirm.counter', { resolution: say(response.resolution) })}</p>
        <p>${l10n.t('picker.confirm.ifAccepted')}</p>${splitLine}
        ${response.message === undefined
          ? nothing
          : html`<p>${l10n.t('status.counter.message')}</p><blockquote>${response.message}</blockquote>`}
        <p>${l10n.t('picker.confirm.once')}</p>`;
    case 'reject':
      return html`<p>${l10n.t('picker.confirm.reject')}</p>
        <p>${l10n.t('picker.reject.reason')}</p><blockquote>${response.reason}</blockquote>`;
  }
}
