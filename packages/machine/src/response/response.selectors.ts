import { splitSettlement, type Proposal, type SellerResponse, type Split } from '@amicable/protocol';
import type { SnapshotFrom } from 'xstate';
import type { responseMachine } from './response.machine.js';
import {
  availableChoices,
  counterFault,
  draftResponse,
  messageFault,
  reasonFault,
  resolutionOf,
  type CounterError,
  type MessageError,
  type ReasonError,
  type ResponseChoice,
  type ResponseError,
} from './response.rules.js';

/** A snapshot of the seller's response flow. */
export type ResponseSnapshot = SnapshotFrom<typeof responseMachine>;

/** A buyer's proposal with what it means for the money. */
export interface ProposalSplit {
  readonly proposal: Proposal;
  readonly split: Split;
}

/** The response about to be sent (or sent) and its money split (`null` for a rejection). */
export interface ResponseSummary {
  readonly response: SellerResponse;
  readonly split: Split | null;
}

/**
 * The answers the dispute allows, in display order: `accept` when the buyer proposed anything,
 * `counter` when the outcome allows one and none was made yet, `reject` always; none once the
 * dispute no longer awaits the seller.
 */
export function choices(snapshot: ResponseSnapshot): readonly ResponseChoice[] {
  return availableChoices(snapshot.context);
}

/** Every proposal of the buyer with its split of the price, for the list the seller reviews. */
export function proposalSplits(snapshot: ResponseSnapshot): readonly ProposalSplit[] {
  const { price, proposals } = snapshot.context.dispute;
  return proposals.map((proposal) => ({ proposal, split: splitSettlement(price, proposal.resolution) }));
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
  return resolution === null ? null : splitSettlement(context.dispute.price, resolution);
}

/** The confirmation's content: the response and its split. `null` before `confirming`. */
export function summary(snapshot: ResponseSnapshot): ResponseSummary | null {
  const response = pendingResponse(snapshot);
  return response === null ? null : { response, split: splitPreview(snapshot) };
}

/** Why the counter-offer's resolution cannot be sent yet, or `null`. */
export function counterError(snapshot: ResponseSnapshot): CounterError | null {
  return counterFault(snapshot.context);
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
export function submitError(snapshot: ResponseSnapshot): ResponseError | null {
  return snapshot.matches('failed') ? snapshot.context.error : null;
}
