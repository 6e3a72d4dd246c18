import type { Proposal, ResolutionFault, SellerResponse, Split } from '@amicable/protocol';
import type { SnapshotFrom } from 'xstate';
import type { Failure } from '../failure.js';
import type { responseMachine } from './response.machine.js';
import {
  availableChoices,
  counterErrorOf,
  draftResponse,
  messageFault,
  reasonFault,
  resolutionOf,
  splitOrFault,
  type ClosedReason,
  type CounterError,
  type MessageError,
  type ReasonError,
  type ResponseChoice,
} from './response.rules.js';

/** A snapshot of the seller's response flow. */
export type ResponseSnapshot = SnapshotFrom<typeof responseMachine>;

/**
 * A buyer's proposal with what it means for the money: its split of the price, or, for a partial
 * refund that cannot split it (above the price, in another currency), the fault instead.
 */
export type ProposalSplit =
  | { readonly proposal: Proposal; readonly split: Split; readonly fault: null }
  | { readonly proposal: Proposal; readonly split: null; readonly fault: ResolutionFault };

/** The response about to be sent (or sent) and its money split (`null` for a rejection). */
export interface ResponseSummary {
  readonly response: SellerResponse;
  readonly split: Split | null;
}

/**
 * The answers the dispute allows, in display order: `accept` when the buyer proposed anything,
 * `counter` when the outcome allows one, none was made yet and it offers something that can be
 * priced, `reject` always; none once the flow is closed or the dispute no longer awaits the seller.
 */
export function choices(snapshot: ResponseSnapshot): readonly ResponseChoice[] {
  return availableChoices(snapshot.context);
}

/** Why the flow is closed from the start (see `ClosedReason`), or `null` when the seller may respond. */
export function closedBecause(snapshot: ResponseSnapshot): ClosedReason | null {
  return snapshot.context.closedBecause;
}

/**
 * Every proposal of the buyer with its split of the price, for the list the seller reviews. Never
 * throws: a proposal that cannot split the price comes with its fault, and cannot be accepted.
 */
export function proposalSplits(snapshot: ResponseSnapshot): readonly ProposalSplit[] {
  const { price, proposals } = snapshot.context.dispute;
  return proposals.map((proposal) => ({ proposal, ...splitOrFault(price, proposal.resolution) }));
}

/**
 * The response the confirmation shows and CONFIRM sends: from `confirming` on, the one being
 * confirmed, sent or already sent; `null` before.
 */
export function pendingResponse(snapshot: ResponseSnapshot): SellerResponse | null {
  if (snapshot.matches('confirming')) return draftResponse(snapshot.context);
  if (snapshot.matches('submitting') || snapshot.matches('failed') || snapshot.matches('done')) {
    return snapshot.context.submitted;
  }
  return null;
}

/**
 * What the chosen answer does to the price: "you receive `payout`, the buyer is refunded
 * `refund`". For the proposal being accepted, for a counter-offer once it is valid, and in the
 * confirmation; `null` for a rejection and while nothing is chosen.
 */
export function splitPreview(snapshot: ResponseSnapshot): Split | null {
  const { context } = snapshot;
  let response: SellerResponse | null;
  if (snapshot.matches('accepting') || snapshot.matches('countering')) response = draftResponse(context);
  else response = pendingResponse(snapshot);
  if (response === null) return null;
  const resolution = resolutionOf(context, response);
  return resolution === null ? null : splitOrFault(context.dispute.price, resolution).split;
}

/** The confirmation's content: the response and its split. `null` before `confirming`. */
export function summary(snapshot: ResponseSnapshot): ResponseSummary | null {
  const response = pendingResponse(snapshot);
  return response === null ? null : { response, split: splitPreview(snapshot) };
}

/** Why the counter-offer's resolution cannot be sent yet, or `null`. */
export function counterError(snapshot: ResponseSnapshot): CounterError | null {
  return counterErrorOf(snapshot.context);
}

/** Why the counter-offer's message cannot be sent, or `null`. */
export function counterMessageError(snapshot: ResponseSnapshot): MessageError | null {
  return messageFault(snapshot.context.counter.message);
}

/** Why the rejection reason cannot be sent, or `null`. The field starts empty, so it starts `required`. */
export function reasonError(snapshot: ResponseSnapshot): ReasonError | null {
  return reasonFault(snapshot.context.reason);
}

/** Whether CONTINUE would move on to the confirmation. */
export function canContinue(snapshot: ResponseSnapshot): boolean {
  return snapshot.can({ type: 'CONTINUE' });
}

/** Why the last attempt to send failed, while the flow shows that failure; `null` otherwise. */
export function submitError(snapshot: ResponseSnapshot): Failure | null {
  return snapshot.matches('failed') ? snapshot.context.error : null;
}
