import {
  checkResolution,
  concreteBounds,
  defaultResolution,
  sameResolution,
  type Dispute,
  type OutcomeNode,
  type Proposal,
  type Resolution,
  type ResolutionFault,
  type SellerResponse,
} from '@amicable/protocol';

/** The seller's three possible answers. */
export type ResponseChoice = SellerResponse['kind'];

/** What the response flow starts from: the dispute and the outcome node the buyer reached. */
export interface ResponseInput {
  readonly dispute: Dispute;
  readonly outcome: OutcomeNode;
}

/** The counter-offer being written. The message is kept as typed and trimmed when sent. */
export interface CounterDraft {
  /** `null` only when the outcome offers no resolution at all. */
  readonly resolution: Resolution | null;
  readonly message: string;
}

/**
 * Why sending the response failed, as plain data so that a persisted snapshot survives
 * `JSON.stringify`. `code` is the error's own string `code` when it has one.
 */
export interface ResponseError {
  readonly message: string;
  readonly code?: string;
}

/**
 * Everything the seller has chosen and typed, plus what the submission produced. Plain JSON, so
 * that a persisted snapshot restores the seller's work after a reload.
 */
export interface ResponseContext {
  /** The dispute as last known: the input, then the one the backend returned after responding. */
  readonly dispute: Dispute;
  readonly outcome: OutcomeNode;
  /** The last answer the seller picked; kept when they step back so the form stays filled. */
  readonly choice: ResponseChoice | null;
  readonly proposalId: string | null;
  readonly counter: CounterDraft;
  /** As typed; trimmed when validated and sent. */
  readonly reason: string;
  /** The response CONFIRM sent; a retry sends it again unchanged. */
  readonly submitted: SellerResponse | null;
  readonly error: ResponseError | null;
}

/** The longest reason or counter-offer message, in characters after trimming (as `SellerResponse` allows). */
export const MAX_TEXT_LENGTH = 2000;

/**
 * Why the counter-offer cannot be sent: a fault from `checkResolution`, an amount that is not a
 * whole number of minor units, the same terms as one of the buyer's proposals (accepting that
 * proposal is the way to agree to it), or no resolution at all.
 */
export type CounterError = ResolutionFault['code'] | 'invalid_amount' | 'same_as_proposal' | 'missing';

/** Why a rejection reason cannot be sent. */
export type ReasonError = 'required' | 'too_long';

/** Why a counter-offer's message cannot be sent (it is optional, so only its length). */
export type MessageError = 'too_long';

/** The context a new response flow starts with: nothing chosen, the counter at the suggested terms. */
export function initialContext(input: ResponseInput): ResponseContext {
  return {
    dispute: input.dispute,
    outcome: input.outcome,
    choice: null,
    proposalId: null,
    counter: { resolution: initialCounter(input.outcome, input.dispute), message: '' },
    reason: '',
    submitted: null,
    error: null,
  };
}

/**
 * The counter-offer's starting point: a partial refund of the suggested amount where the outcome
 * offers one (the usual counter is a smaller refund), else the first resolution it offers.
 */
function initialCounter(outcome: OutcomeNode, dispute: Dispute): Resolution | null {
  const partial = outcome.resolutions.find((o) => o.type === 'partial_refund');
  if (partial !== undefined) {
    return { type: 'partial_refund', amount: concreteBounds(partial.bounds, dispute.price).suggested };
  }
  const first = outcome.resolutions[0];
  return first === undefined ? null : defaultResolution(first, dispute.price);
}

/** The buyer's proposal `id`, if the dispute has one by that id. */
export function proposalById(context: ResponseContext, id: string | null): Proposal | undefined {
  return id === null ? undefined : context.dispute.proposals.find((p) => p.id === id);
}

/** Whether the seller may still counter: the outcome allows it, it offers something, none was made yet. */
export function counterAvailable(context: ResponseContext): boolean {
  return context.outcome.counterOffer
    && context.dispute.counterOffer === null
    && context.outcome.resolutions.length > 0;
}

/** The answers the dispute's status and the outcome allow, in display order. */
export function availableChoices(context: ResponseContext): ResponseChoice[] {
  if (context.dispute.status !== 'awaiting_seller') return [];
  const choices: ResponseChoice[] = [];
  if (context.dispute.proposals.length > 0) choices.push('accept');
  if (counterAvailable(context)) choices.push('counter');
  choices.push('reject');
  return choices;
}

/** Why the counter-offer's resolution cannot be sent, or `null` when it can. */
export function counterFault(context: ResponseContext): CounterError | null {
  const resolution = context.counter.resolution;
  if (resolution === null) return 'missing';
  // The amount comes from a form field; a fraction of a minor unit is never money.
  if (resolution.type === 'partial_refund' && !Number.isSafeInteger(resolution.amount.amount)) return 'invalid_amount';
  const fault = checkResolution(context.outcome, context.dispute.price, resolution);
  if (fault !== null) return fault.code;
  if (context.dispute.proposals.some((p) => sameResolution(p.resolution, resolution))) return 'same_as_proposal';
  return null;
}

/** Why the counter-offer's message cannot be sent, or `null` when it can (empty is fine). */
export function messageFault(message: string): MessageError | null {
  return message.trim().length > MAX_TEXT_LENGTH ? 'too_long' : null;
}

/** Why a rejection reason cannot be sent, or `null` when it can. */
export function reasonFault(reason: string): ReasonError | null {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return 'required';
  return trimmed.length > MAX_TEXT_LENGTH ? 'too_long' : null;
}

/** The response the seller's current choice and input make, or `null` while it is not valid. */
export function draftResponse(context: ResponseContext): SellerResponse | null {
  switch (context.choice) {
    case 'accept': {
      const proposal = proposalById(context, context.proposalId);
      return proposal === undefined ? null : { kind: 'accept', proposalId: proposal.id };
    }
    case 'counter': {
      const { resolution, message } = context.counter;
      if (resolution === null || !counterAvailable(context)) return null;
      if (counterFault(context) !== null || messageFault(message) !== null) return null;
      const trimmed = message.trim();
      return trimmed === '' ? { kind: 'counter', resolution } : { kind: 'counter', resolution, message: trimmed };
    }
    case 'reject':
      return reasonFault(context.reason) === null ? { kind: 'reject', reason: context.reason.trim() } : null;
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

/** Turns whatever the `respond` actor threw into plain data. */
export function toResponseError(error: unknown): ResponseError {
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : 'the response could not be sent';
    return typeof code === 'string' ? { message: text, code } : { message: text };
  }
  return { message: typeof error === 'string' && error !== '' ? error : 'the response could not be sent' };
}
