import { localize, outcomeOf, splitSettlement, type DecisionTree, type Dispute, type Resolution, type Split } from '@amicable/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../localization/localizer.js';
import { describeResolution } from './resolution-text.js';

/** What `renderDisputeStatus` shows, and for whom. */
export interface DisputeStatusOptions {
  readonly l10n: Localizer;
  readonly dispute: Dispute;
  /** Whose page this is: the wording speaks to them ("you") and names the other party. */
  readonly role: 'buyer' | 'seller';
  /** The time relative deadlines count from; now by default. */
  readonly now?: number;
  /** The tree the dispute was opened under, to name the problem in the reader's language. */
  readonly tree?: DecisionTree;
  /** How the host names the parties (`OrderContext.buyer.displayName`, `seller.displayName`). */
  readonly buyerName?: string;
  readonly sellerName?: string;
  /** Whether to list the buyer's proposals; a view that shows them itself turns this off. */
  readonly proposals?: boolean;
}

/**
 * A dispute as it stands, in plain words for the buyer or the seller: a headline (`part="headline"`,
 * focusable with `tabindex="-1"`, announced politely when it changes), why support has the case,
 * the settlement's split, the deadline as a local date and time with what happens if nobody acts,
 * the counter-offer, the proposals and the timeline.
 *
 * Parts: `status`, `headline`, `deadline`, `settlement`, `counter-offer`, `timeline`, `timeline-entry`.
 * Hosts add `disputeStatusStyles` to their `static styles`.
 */
export function renderDisputeStatus(options: DisputeStatusOptions): TemplateResult {
  const { l10n, dispute, role, tree } = options;
  const names = {
    buyer: options.buyerName ?? l10n.t('status.party.buyer'),
    seller: options.sellerName ?? l10n.t('status.party.seller'),
  };
  const say = (resolution: Resolution): string => describeResolution(l10n, resolution, dispute.price);
  const { escalation, settlement, counterOffer } = dispute;
  const outcome = tree === undefined ? undefined : outcomeOf(tree, dispute.outcomeId);
  return html`<section part="status" class="dispute-status stack" aria-labelledby="dispute-status-headline">
    <h2 id="dispute-status-headline" part="headline" tabindex="-1">
      ${l10n.t(`status.headline.${dispute.status}.${role}`, names)}
    </h2>
    ${outcome === undefined || tree === undefined
      ? nothing
      : html`<p class="muted">${l10n.t('status.problem', { problem: localize(outcome.title, l10n.locale, tree.fallbackLocale) })}</p>`}
    ${escalation === null || dispute.status !== 'escalated'
      ? nothing
      : html`<p>${l10n.t(`status.cause.${escalation.cause}.${role}`, names)}
          ${escalation.reason === undefined ? nothing : html`<span class="quote">${l10n.t('status.reason', { reason: escalation.reason })}</span>`}</p>
        <p>${l10n.t('status.supportDecides')}</p>`}
    ${settlement === null
      ? nothing
      : html`<div part="settlement" class="card stack">
          <p><strong>${l10n.t('status.agreed', { resolution: say(settlement.resolution) })}</strong></p>
          <p>${split(l10n, settlement, role, names)}</p>
          ${settlement.decidedBy === 'support' || settlement.decidedBy === 'system'
            ? html`<p class="muted">${l10n.t(`status.decidedBy.${settlement.decidedBy}`)}</p>`
            : nothing}
        </div>`}
    ${dispute.status === 'settlement_failed' ? html`<p>${l10n.t('status.paymentFailed')}</p>` : nothing}
    ${renderDeadline(l10n, dispute, role, names, options.now)}
    ${counterOffer === null
      ? nothing
      : html`<div part="counter-offer" class="card stack">
          <h3>${l10n.t(`status.counter.heading.${role}`, names)}</h3>
          <p><strong>${say(counterOffer.resolution)}</strong></p>
          <p>${split(l10n, splitSettlement(dispute.price, counterOffer.resolution), role, names)}</p>
          ${counterOffer.message === undefined || counterOffer.message === ''
            ? nothing
            : html`<p>${l10n.t('status.counter.message')}</p><blockquote>${counterOffer.message}</blockquote>`}
          ${counterOffer.answer === null ? nothing : html`<p>${l10n.t(`status.counter.${counterOffer.answer}`)}</p>`}
          ${counterOffer.reason === undefined ? nothing : html`<p class="quote">${l10n.t('status.reason', { reason: counterOffer.reason })}</p>`}
        </div>`}
    ${options.proposals === false || dispute.proposals.length === 0
      ? nothing
      : html`<div class="stack">
          <h3>${l10n.t(`status.proposals.${role}`)}</h3>
          <ol>${dispute.proposals.map((p) => html`<li>${say(p.resolution)}</li>`)}</ol>
        </div>`}
    <div class="stack">
      <h3>${l10n.t('status.timeline')}</h3>
      <ol part="timeline" class="timeline">
        ${dispute.timeline.map(
          (entry) => html`<li part="timeline-entry">
            <time datetime=${entry.at}>${l10n.dateTime(entry.at)}</time>
            <span><strong>${actorName(l10n, entry.actor, role, names)}</strong>: ${l10n.t(`status.event.${entry.type}`)}</span>
            ${entry.note === undefined || entry.note === '' ? nothing : html`<span class="quote">“${entry.note}”</span>`}
          </li>`,
        )}
      </ol>
    </div>
  </section>`;
}

export type Names = { readonly buyer: string; readonly seller: string };

/** Who gets what, from the reader's side: "You are refunded €12.20; Kiln & Kettle receives €48.80." */
export function split(l10n: Localizer, { refund, payout }: Split, role: 'buyer' | 'seller', names: Names): string {
  // A replacement refunds nothing: "refunded ¥0" would read like a mistake.
  const key = refund.amount === 0 ? (`status.split.noRefund.${role}` as const) : (`status.split.${role}` as const);
  return l10n.t(key, { ...names, refund: l10n.money(refund), payout: l10n.money(payout) });
}

function actorName(l10n: Localizer, actor: Dispute['timeline'][number]['actor'], role: 'buyer' | 'seller', names: Names): string {
  if (actor === role) return l10n.t('status.actor.you');
  return actor === 'buyer' || actor === 'seller' ? names[actor] : l10n.t(`status.actor.${actor}`);
}

/**
 * The deadline alone, worded as in `renderDisputeStatus`, for a view that shows it beside its own
 * steps: the local date and time, how far away it is (from `now`), and what happens if nobody acts.
 * Nothing when no deadline runs.
 */
export function renderDeadline(l10n: Localizer, dispute: Dispute, role: 'buyer' | 'seller', names: Names, now?: number): TemplateResult | typeof nothing {
  const { idle } = dispute;
  if (idle.at === null || idle.then === 'none') return nothing;
  const first = dispute.proposals[0];
  return html`<div part="deadline" class="dispute-status deadline">
    <p>${l10n.t('status.deadline')} <time datetime=${idle.at}>${l10n.dateTime(idle.at)}</time> (${l10n.relativeTime(idle.at, now)})</p>
    <p>${idle.then === 'escalate'
      ? l10n.t('status.then.escalate')
      : l10n.t(`status.then.accept_first_proposal.${role}`, {
          ...names,
          resolution: first === undefined ? '' : describeResolution(l10n, first.resolution, dispute.price),
        })}</p>
  </div>`;
}
