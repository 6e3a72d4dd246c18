import {
  canPriceBounds,
  checkDecision,
  checkResolution,
  concreteBounds,
  defaultResolution,
  Message,
  Money,
  outcomeOf,
  Reason,
  sameResolution,
  splitSettlement,
  type DecisionTree,
  type Dispute,
  type OutcomeNode,
  type Proposal,
  type RefundBounds,
  type Resolution,
  type ResolutionFault,
  type SellerResponse,
  type Split,
} from '@amicable/protocol';
import { counterFault, type CounterFault } from '../counter-offer.js';
import type { Failure } from '../failure.js';

/** The seller's three possible answers. */
export type ResponseChoice = SellerResponse['kind'];

/**
 * What the response flow starts from: the dispute, and the decision tree it was opened under (the
 * one named by `dispute.treeId` and `dispute.treeVersion`), whose outcome `dispute.outcomeId`
 * governs what the seller may do.
 */
export interface ResponseInput {
  readonly dispute: Dispute;
  readonly tree: DecisionTree;
}

/**
 * Why the flow starts (and stays) closed, for the UI to explain:
 * - `not_awaiting_seller`: the dispute is not waiting for the seller's answer (any more);
 * - `tree_mismatch`: the tree given is not the one the dispute was opened under (another id or version);
 * - `outcome_missing`: that tree has no outcome `dispute.outcomeId`.
 */
export type ClosedReason = 'not_awaiting_seller' | 'tree_mismatch' | 'outcome_missing';

/** The counter-offer being written. The message is kept as typed and trimmed when sent. */
export interface CounterDraft {
  /**
   * Starts at terms the seller can send as they are (see `counterAvailable`); `null` only when the
   * outcome offers nothing that can be priced and differs from every proposal.
   */
  readonly resolution: Resolution | null;
  readonly message: string;
}

/**
 * Everything the seller has chosen and typed, plus what the submission produced. Plain JSON, so
 * that a persisted snapshot restores the seller's work after a reload.
 */
export interface ResponseContext {
  /** The dispute as last known: the input, then the one the backend returned after responding. */
  readonly dispute: Dispute;
  /** The outcome the dispute reached, from the input's tree; `null` when the tree does not give it. */
  readonly outcome: OutcomeNode | null;
  /** Why the flow is closed from the start, or `null` when the seller may respond. */
  readonly closedBecause: ClosedReason | null;
  /** The last answer the seller picked; kept when they step back so the form stays filled. */
  readonly choice: ResponseChoice | null;
  readonly proposalId: string | null;
  readonly counter: CounterDraft;
  /** As typed; trimmed when validated and sent. */
  readonly reason: string;
  /** The response CONFIRM sent; a retry sends it again unchanged. */
  readonly submitted: SellerResponse | null;
  /**
   * The idempotency key the response is sent with: set by the first `CONFIRM` (from the key it
   * carries), kept by `RETRY` and a reload, so that the backend can tell a repeat of the same
   * response from a new one; dropped as soon as the seller goes back to a step where the response
   * can change, so that a changed response gets a new key. `null` until confirmed.
   */
  readonly submissionKey: string | null;
  readonly error: Failure | null;
}

/**
 * Why the counter-offer cannot be sent: the shared counter-offer rule's fault (`counter_not_allowed`,
 * `same_as_proposal`, or a `checkResolution` fault such as `below_min`), an amount that is not
 * money (`invalid_amount`: a fraction of a minor unit, NaN, negative, an unknown currency), or no
 * resolution at all (`missing`).
 */
export type CounterError = CounterFault['code'] | 'invalid_amount' | 'missing';

/** Why a rejection reason cannot be sent (the protocol's `Reason` rules). */
export type ReasonError = 'required' | 'too_long';

/** Why a counter-offer's message cannot be sent (the protocol's `Message` rules; it is optional, so only its length). */
export type MessageError = 'too_long';

/** Why the flow cannot start for this input, or `null` when the seller may respond. */
export function closedReason(input: ResponseInput): ClosedReason | null {
  if (input.dispute.status !== 'awaiting_seller') return 'not_awaiting_seller';
  if (!treeMatches(input)) return 'tree_mismatch';
  return outcomeOf(input.tree, input.dispute.outcomeId) === undefined ? 'outcome_missing' : null;
}

/** The context a new response flow starts with: nothing chosen, the counter at a valid starting point. */
export function initialContext(input: ResponseInput): ResponseContext {
  const outcome = treeMatches(input) ? (outcomeOf(input.tree, input.dispute.outcomeId) ?? null) : null;
  return {
    dispute: input.dispute,
    outcome,
    closedBecause: closedReason(input),
    choice: null,
    proposalId: null,
    counter: { resolution: outcome === null ? null : initialCounter(outcome, input.dispute), message: '' },
    reason: '',
    submitted: null,
    submissionKey: null,
    error: null,
  };
}

function treeMatches({ dispute, tree }: ResponseInput): boolean {
  return tree.id === dispute.treeId && tree.version === dispute.treeVersion;
}

/**
 * The counter-offer's starting point: one the seller can send as it is, so a valid counter-offer
 * is on screen from the start. Where the outcome offers a partial refund (the usual counter is a
 * smaller refund), the amount halfway between the minimum and the buyer's lowest partial refund,
 * rounded down to a minor unit; else the minimum; else the lowest amount within bounds that no
 * proposal asks for. When every amount within bounds is proposed, or the partial refund cannot be
 * priced (absolute bounds in another currency than the price), the first other resolution offered
 * that the buyer did not propose. `null` when there is none: then no counter-offer is possible.
 */
function initialCounter(outcome: OutcomeNode, dispute: Pick<Dispute, 'price' | 'proposals'>): Resolution | null {
  const { price } = dispute;
  const fresh = (resolution: Resolution): boolean =>
    checkResolution(outcome, price, resolution) === null
    && !dispute.proposals.some((proposal) => sameResolution(proposal.resolution, resolution));
  const refund = outcome.resolutions.find((option) => option.type === 'partial_refund');
  if (refund?.type === 'partial_refund' && canPriceBounds(refund.bounds, price)) {
    const found = refundCandidates(refund.bounds, dispute).find((amount) => fresh({ type: 'partial_refund', amount }));
    if (found !== undefined) return { type: 'partial_refund', amount: found };
  }
  const others = outcome.resolutions.filter((option) => option.type !== 'partial_refund').map((option) => defaultResolution(option, price));
  return others.find(fresh) ?? null;
}

/** The amounts a partial-refund counter-offer may start at, best first (see `initialCounter`). */
function refundCandidates(bounds: RefundBounds, dispute: Pick<Dispute, 'price' | 'proposals'>): Money[] {
  const { price } = dispute;
  const { min, max } = concreteBounds(bounds, price);
  const at = (amount: number): Money => ({ amount, currency: price.currency });
  const asked = dispute.proposals.flatMap(({ resolution: r }) =>
    r.type === 'partial_refund' && r.amount.currency === price.currency ? [r.amount.amount] : []);
  const candidates: Money[] = [];
  const lowest = asked.length === 0 ? undefined : Math.min(...asked);
  // Halved as a difference: the sum of two amounts near the largest safe integer would not be exact.
  if (lowest !== undefined && lowest > min.amount) candidates.push(at(min.amount + Math.floor((lowest - min.amount) / 2)));
  // Each proposal rules out at most one amount, so one of the first few above the minimum is free.
  for (let amount = min.amount; amount <= max.amount && amount <= min.amount + asked.length; amount++) candidates.push(at(amount));
  return candidates;
}


/** The buyer's proposal `id`, if the dispute has one by that id. */
export function proposalById(context: ResponseContext, id: string | null): Proposal | undefined {
  return id === null ? undefined : context.dispute.proposals.find((p) => p.id === id);
}

/**
 * The split of the price a resolution makes, or the fault that makes it impossible (a partial
 * refund above the price or in another currency, as support's `checkDecision` judges it), so
 * that a malformed proposal never throws.
 */
export function splitOrFault(
  price: Money,
  resolution: Resolution,
): { readonly split: Split; readonly fault: null } | { readonly split: null; readonly fault: ResolutionFault } {
  const fault = checkDecision(price, resolution);
  return fault === null ? { split: splitSettlement(price, resolution), fault: null } : { split: null, fault };
}

/** Whether the seller may accept proposal `id`: the buyer made it and it splits the price. */
export function acceptable(context: ResponseContext, id: string | null): boolean {
  const proposal = proposalById(context, id);
  return proposal !== undefined && splitOrFault(context.dispute.price, proposal.resolution).fault === null;
}

/**
 * Whether the seller may still counter, by the shared counter-offer rule (the outcome allows it
 * and none was made yet), and the outcome offers something that can be priced and differs from
 * every proposal (see `initialCounter`).
 */
export function counterAvailable(context: ResponseContext): boolean {
  if (context.closedBecause !== null || context.outcome === null) return false;
  const start = initialCounter(context.outcome, context.dispute);
  return start !== null && counterFault(context.outcome, context.dispute, start) === null;
}

/** The answers the dispute's status and the outcome allow, in display order. */
export function availableChoices(context: ResponseContext): ResponseChoice[] {
  if (context.closedBecause !== null || context.dispute.status !== 'awaiting_seller') return [];
  const choices: ResponseChoice[] = [];
  if (context.dispute.proposals.length > 0) choices.push('accept');
  if (counterAvailable(context)) choices.push('counter');
  choices.push('reject');
  return choices;
}

/** Why the counter-offer's resolution cannot be sent, or `null` when it can. */
export function counterErrorOf(context: ResponseContext): CounterError | null {
  const resolution = context.counter.resolution;
  if (resolution === null) return 'missing';
  // The amount comes from a form field; the counter-offer rule takes it on trust.
  if (resolution.type === 'partial_refund' && !Money.safeParse(resolution.amount).success) return 'invalid_amount';
  if (context.outcome === null) return 'counter_not_allowed';
  return counterFault(context.outcome, context.dispute, resolution)?.code ?? null;
}

/** Why the counter-offer's message cannot be sent, or `null` when it can (empty is fine). */
export function messageFault(message: string): MessageError | null {
  return Message.safeParse(message.trim()).success ? null : 'too_long';
}

/** Why a rejection reason cannot be sent, or `null` when it can. */
export function reasonFault(reason: string): ReasonError | null {
  const parsed = Reason.safeParse(reason);
  if (parsed.success) return null;
  return parsed.error.issues.some((issue) => issue.code === 'too_big') ? 'too_long' : 'required';
}

/** The response the seller's current choice and input make, or `null` while it is not valid. */
export function draftResponse(context: ResponseContext): SellerResponse | null {
  switch (context.choice) {
    case 'accept':
      return context.proposalId !== null && acceptable(context, context.proposalId)
        ? { kind: 'accept', proposalId: context.proposalId }
        : null;
    case 'counter': {
      const { resolution, message } = context.counter;
      if (resolution === null || counterErrorOf(context) !== null || messageFault(message) !== null) return null;
      const trimmed = message.trim();
      return trimmed === '' ? { kind: 'counter', resolution } : { kind: 'counter', resolution, message: trimmed };
    }
    case 'reject': {
      const parsed = Reason.safeParse(context.reason);
      return parsed.success ? { kind: 'reject', reason: parsed.data } : null;
    }
    default:
      return null;
  }
}

/** The resolution a response settles on, if it is one: the accepted proposal's or the counter's. */
export function resolutionOf(context: ResponseContext, response: SellerResponse): Resolution | null {
  switch (response.kind) {
    case 'accept':
      return proposalById(context, response.proposalId)?.resolution ?? null;
    case 'counter':
      return response.resolution;
    case 'reject':
      return null;
  }
}
