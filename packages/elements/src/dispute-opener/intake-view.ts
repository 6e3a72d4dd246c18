import {
  currencyExponent,
  questionOf,
  type LocalizedText,
  type OutcomeNode,
  type Photo,
  type ResolutionOption,
} from '@amicable/protocol';
import {
  currentOutcome,
  currentQuestion,
  intakeSelectors as select,
  offeredResolutions,
  type EditableStep,
  type IntakeEvent,
  type IntakeSnapshot,
  type IntakeStep,
} from '@amicable/machine';
import { html, nothing, type TemplateResult } from 'lit';
import { describeResolution } from '../dispute-status/resolution-text.js';
import { failureMessageKey } from '../localization/failure-message.js';
import type { Localizer } from '../localization/localizer.js';
import { treeText } from '../localization/tree-text.js';
import { amountText, parseAmount } from '../money/amount-text.js';

/** What the intake's steps are rendered from, and what they call back. */
export interface IntakeView {
  readonly l10n: Localizer;
  readonly snapshot: IntakeSnapshot;
  /** Uploaded photos as the backend described them, for thumbnails. */
  readonly photos: readonly Photo[];
  /** The buyer tried to leave this step: its errors show. */
  readonly revealed: boolean;
  /** The amount field's text while it differs from the proposed refund. */
  readonly refundText: string | undefined;
  /** The buyer left the amount field: its error shows. */
  readonly amountChecked: boolean;
  send(event: IntakeEvent): void;
  /** Leaves the step, or reveals why it cannot be left. */
  next(): void;
  submit(): void;
  setRefundText(text: string): void;
  checkAmount(): void;
  /** The nested photo uploader. */
  /** The nested uploader, with the photo-count error tied to its add button. */
  uploader(errorMessage: string): TemplateResult;
}

/** The intake's current step: progress, heading (focused on arrival), fields and actions. */
export function renderIntake(view: IntakeView): TemplateResult {
  const { snapshot, l10n } = view;
  const t = l10n.t.bind(l10n);
  const text = (value: LocalizedText) => localized(view, value);
  const question = currentQuestion(snapshot.context);
  const outcome = currentOutcome(snapshot.context)?.node;
  if (question !== undefined || outcome === undefined) {
    return frame(view, 'question', question === undefined ? '' : text(question.node.prompt), html`
      ${question?.node.help === undefined ? nothing : html`<p class="muted" dir="auto">${text(question.node.help)}</p>`}
      <ul class="options" aria-labelledby="heading">
        ${question?.node.options.map((option) => html`<li>
          <button part="option" class="option" dir="auto" @click=${() => view.send({ type: 'ANSWER', optionId: option.id })}>${text(option.label)}</button>
        </li>`)}
      </ul>`, nothing);
  }
  switch (snapshot.value) {
    case 'describe':
      return frame(view, 'describe', t('opener.describe.heading'), describe(view, outcome), next(view));
    case 'evidence': {
      const { min, max } = outcome.photos;
      const error = view.revealed ? select.photoCountError(snapshot) : null;
      return frame(view, 'evidence', t('opener.evidence.heading'), html`
        <p class="muted" id="photos-hint">${min > 0 ? t('opener.evidence.range', { min, max }) : t('opener.evidence.upTo', { count: max })}</p>
        ${view.uploader(error === null ? '' : t(`opener.evidence.${error === 'too_few' ? 'tooFew' : 'tooMany'}`, { count: error === 'too_few' ? min : max }))}`, next(view));
    }
    case 'propose':
      return frame(view, 'propose', t('opener.propose.heading'), propose(view, outcome), next(view));
    case 'submitting':
      return frame(view, 'review', t('opener.submitting.heading'), review(view, outcome), html`
        <button part="cancel-button" @click=${() => view.send({ type: 'CANCEL' })}>${t('common.cancel')}</button>`);
    case 'failed': {
      const failure = snapshot.context.error;
      return frame(view, 'review', t('opener.failed.heading'), html`
        <div class="alert" part="error">
          <p>${failure === null ? t('error.generic') : l10n.t(failureMessageKey(failure.code))}</p>
          <p>${t('opener.failed.kept')}</p>
        </div>
        ${review(view, outcome)}`, html`
        <button part="submit-button" class="primary" @click=${() => view.send({ type: 'RETRY' })}>${t('common.retry')}</button>`);
    }
    default:
      return frame(view, 'review', t('opener.review.heading'), html`
        ${select.isComplete(snapshot) ? nothing : html`<p class="alert" part="error">${t('error.validation')}</p>`}
        ${review(view, outcome)}`, html`
        <button part="submit-button" class="primary" @click=${view.submit}>
          ${t(outcome.toSupport === true ? 'opener.submit.support' : 'opener.submit')}
        </button>`);
  }
}

/** Why an amount typed for the partial refund cannot be proposed, in words, or `null`. */
export function amountProblem(l10n: Localizer, snapshot: IntakeSnapshot, text: string): string | null {
  const bounds = select.refundBounds(snapshot);
  if (bounds === null) return null;
  const money = parseAmount(text, bounds.min.currency, l10n.locale);
  const fault = money === null ? 'invalid_amount' : select.refundError(snapshot, money);
  if (fault === null) return null;
  if (fault === 'below_min') return l10n.t('opener.amount.belowMin', { min: l10n.money(bounds.min) });
  if (fault === 'above_max') return l10n.t('opener.amount.aboveMax', { max: l10n.money(bounds.max) });
  const count = currencyExponent(bounds.min.currency);
  return l10n.t(count === 0 ? 'opener.amount.whole' : 'opener.amount.invalid', { count, example: amountText(bounds.suggested, l10n.locale) });
}

function frame(view: IntakeView, step: IntakeStep, heading: unknown, body: unknown, primary: unknown): TemplateResult {
  const { l10n, snapshot } = view;
  const steps = select.intakeSteps(snapshot);
  const index = steps.indexOf(step);
  return html`
    <ol part="progress" class="progress" aria-label=${l10n.t('opener.progress.label')}>
      ${steps.map((name, i) => html`<li aria-current=${i === index ? 'step' : nothing}>${l10n.t(`opener.step.${name}`)}</li>`)}
    </ol>
    ${steps.length > 1 ? html`<p class="muted">${l10n.t('opener.progress', { current: index + 1, total: steps.length })}</p>` : nothing}
    <h2 id="heading" part="step-heading" tabindex="-1" dir="auto">${heading}</h2>
    ${body}
    <div part="actions" class="actions">${back(view)}${primary}</div>`;
}

function back(view: IntakeView): unknown {
  return view.snapshot.can({ type: 'BACK' })
    ? html`<button part="back-button" @click=${() => view.send({ type: 'BACK' })}>${view.l10n.t('common.back')}</button>`
    : nothing;
}

function next(view: IntakeView): TemplateResult {
  return html`<button part="next-button" class="primary" @click=${view.next}>${view.l10n.t('opener.next')}</button>`;
}

function describe(view: IntakeView, outcome: OutcomeNode): TemplateResult {
  const { l10n, snapshot } = view;
  const { required, minLength, maxLength } = outcome.description;
  const error = view.revealed ? select.descriptionError(snapshot) : null;
  const left = Math.max(0, maxLength - select.descriptionLength(snapshot.context.description));
  const message = error === 'required'
    ? l10n.t('opener.describe.required')
    : error === 'too_short'
      ? l10n.t('opener.describe.tooShort', { count: minLength })
      : error === 'too_long' ? l10n.t('common.tooLong', { max: maxLength }) : null;
  return html`
    <p class="muted">${localized(view, outcome.title)}</p>
    <div part="description" class="field">
      <label for="description">${l10n.t('opener.describe.label')}
        <span class="muted">(${l10n.t(required ? 'common.required' : 'opener.describe.optional')})</span></label>
      ${outcome.guidance === undefined ? nothing : html`<p class="hint" id="guidance">${localized(view, outcome.guidance)}</p>`}
      ${minLength > 0 ? html`<p class="hint" id="minimum">${l10n.t('opener.describe.min', { count: minLength })}</p>` : nothing}
      <textarea id="description" .value=${snapshot.context.description} aria-required=${required ? 'true' : 'false'}
        aria-invalid=${message === null ? 'false' : 'true'}
        aria-describedby=${[outcome.guidance && 'guidance', minLength > 0 && 'minimum', 'count', message && 'description-error'].filter(Boolean).join(' ')}
        @input=${(event: InputEvent) => view.send({ type: 'SET_DESCRIPTION', text: (event.target as HTMLTextAreaElement).value })}></textarea>
      <p class="hint" id="count">${l10n.t('common.charactersLeft', { count: left })}</p>
      ${fieldError('description-error', message)}
    </div>`;
}

function propose(view: IntakeView, outcome: OutcomeNode): TemplateResult {
  const { l10n, snapshot } = view;
  const error = view.revealed && select.proposalError(snapshot) !== null ? l10n.t('opener.propose.none') : null;
  return html`
    <p class="muted" id="propose-hint">${l10n.t('opener.propose.hint')}</p>
    <div role="group" class="stack" aria-labelledby="heading" aria-describedby=${error === null ? 'propose-hint' : 'propose-hint propose-error'}>
      ${offeredResolutions(outcome).map((option) => {
        const chosen = select.isProposed(snapshot, option.type);
        return html`<div part="proposal" class="card proposal ${chosen ? 'chosen' : ''}">
          <label class="choice">
            <input type="checkbox" .checked=${chosen} aria-describedby="meaning-${option.type}"
              @change=${() => view.send({ type: 'TOGGLE_PROPOSAL', resolutionType: option.type })}>
            <span>${l10n.t(`opener.resolution.${option.type}`)}</span>
          </label>
          <p class="muted" id="meaning-${option.type}">${meaning(view, option)}</p>
          ${option.type === 'partial_refund' && chosen ? amount(view) : nothing}
        </div>`;
      })}
    </div>
    ${fieldError('propose-error', error)}`;
}

function amount(view: IntakeView): unknown {
  const { l10n, snapshot } = view;
  const bounds = select.refundBounds(snapshot);
  const proposed = select.proposedRefund(snapshot);
  if (bounds === null || proposed === undefined) return nothing;
  const text = view.refundText ?? amountText(proposed, l10n.locale);
  const problem = view.amountChecked ? amountProblem(l10n, snapshot, text) : null;
  return html`<div part="amount" class="field">
    <label for="amount">${l10n.t('opener.amount.label', { currency: proposed.currency })}</label>
    <input id="amount" inputmode="decimal" autocomplete="off" .value=${text}
      aria-invalid=${problem === null ? 'false' : 'true'}
      aria-describedby=${problem === null ? 'amount-hint' : 'amount-hint amount-error'}
      @input=${(event: InputEvent) => view.setRefundText((event.target as HTMLInputElement).value)}
      @change=${view.checkAmount}
      @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}>
    <p class="hint" id="amount-hint">${l10n.t('opener.amount.hint', {
      min: l10n.money(bounds.min),
      max: l10n.money(bounds.max),
      suggested: l10n.money(bounds.suggested),
    })}</p>
    ${fieldError('amount-error', problem)}
  </div>`;
}

function meaning(view: IntakeView, option: ResolutionOption): string {
  const { l10n, snapshot } = view;
  const price = l10n.money(snapshot.context.price);
  switch (option.type) {
    case 'partial_refund': {
      const bounds = select.refundBounds(snapshot);
      return bounds === null ? '' : l10n.t('opener.meaning.partial_refund', { min: l10n.money(bounds.min), max: l10n.money(bounds.max) });
    }
    case 'return_and_refund':
      return l10n.t(`opener.meaning.return_and_refund.${option.returnShippingPaidBy}`, { days: option.shipWithinDays, price });
    case 'full_refund':
      return l10n.t('opener.meaning.full_refund', { price });
    default:
      return l10n.t('opener.meaning.replacement');
  }
}

function review(view: IntakeView, outcome: OutcomeNode): TemplateResult {
  const { l10n, snapshot } = view;
  const { context } = snapshot;
  const steps = select.intakeSteps(snapshot);
  const section = (step: EditableStep, content: unknown) => html`<section class="card stack" aria-labelledby="review-${step}">
    <div class="row spread">
      <h3 id="review-${step}">${l10n.t(`opener.step.${step}`)}</h3>
      ${snapshot.can({ type: 'EDIT', step })
        ? html`<button class="link" @click=${() => view.send({ type: 'EDIT', step })}>${l10n.t('opener.review.edit')}<span class="visually-hidden">: ${l10n.t(`opener.step.${step}`)}</span></button>`
        : nothing}
    </div>
    ${content}
  </section>`;
  return html`<div part="review" class="stack">
    ${section('question', html`<dl>
      ${context.path.map((step) => {
        const question = questionOf(context.tree, step.nodeId);
        const option = question?.options.find((o) => o.id === step.optionId);
        return question === undefined || option === undefined
          ? nothing
          : html`<dt>${localized(view, question.prompt)}</dt><dd>${localized(view, option.label)}</dd>`;
      })}
      <dt>${l10n.t('opener.review.outcome')}</dt><dd>${localized(view, outcome.title)}</dd>
    </dl>`)}
    ${section('describe', html`<p class="prose">${context.description.trim() || l10n.t('opener.review.noDescription')}</p>`)}
    ${steps.includes('evidence')
      ? section('evidence', context.photos.length === 0
        ? html`<p>${l10n.t('opener.review.noPhotos')}</p>`
        : html`<ul class="thumbs">${context.photos.map((attached) => {
          const photo = view.photos.find((p) => p.id === attached.id);
          return html`<li>${photo === undefined ? attached.name : html`<img src=${photo.url} alt=${attached.name}>`}</li>`;
        })}</ul>`)
      : nothing}
    ${steps.includes('propose')
      ? section('propose', html`<ul>${context.proposals.map((p) => html`<li>${describeResolution(l10n, p, context.price)}</li>`)}</ul>`)
      : html`<p>${l10n.t('opener.review.toSupport')}</p>`}
  </div>`;
}

function fieldError(id: string, message: string | null): unknown {
  return message === null ? nothing : html`<p part="error" class="field-error" id=${id}>${message}</p>`;
}

function localized(view: IntakeView, text: LocalizedText): TemplateResult | string {
  return treeText(view.l10n, text, view.snapshot.context.tree.fallbackLocale);
}
