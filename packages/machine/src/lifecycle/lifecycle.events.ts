import type { Actor, Resolution } from '@amicable/protocol';

/** Every lifecycle event says who sends it and when (the backend's clock, ISO 8601). */
interface Stamped {
  readonly role: Actor;
  readonly at: string;
}

/** The party whose turn it is takes a proposal (seller) or the counter-offer (buyer). */
export interface AcceptEvent extends Stamped { readonly type: 'ACCEPT'; readonly proposalId?: string }
/** The seller answers with one counter-offer, where the outcome allows it. */
export interface CounterEvent extends Stamped { readonly type: 'COUNTER'; readonly resolution: Resolution; readonly message?: string }
/** The party whose turn it is refuses, with a reason; the case goes to support. */
export interface RejectEvent extends Stamped { readonly type: 'REJECT'; readonly reason: string }
/** The buyer drops the dispute. */
export interface WithdrawEvent extends Stamped { readonly type: 'WITHDRAW' }
/** The party whose turn it is, or support, hands the case to support without rejecting. */
export interface EscalateEvent extends Stamped { readonly type: 'ESCALATE'; readonly reason: string }
/** The backend's clock reached the deadline. */
export interface DeadlineEvent extends Stamped { readonly type: 'DEADLINE' }
/** Support settles an escalated case with any resolution up to the price. */
export interface DecideEvent extends Stamped { readonly type: 'DECIDE'; readonly resolution: Resolution; readonly note?: string }
/** The host's payment system paid out the split. */
export interface SettledEvent extends Stamped { readonly type: 'SETTLED' }
/** The host's payment system could not pay out the split. */
export interface SettlementFailedEvent extends Stamped { readonly type: 'SETTLEMENT_FAILED'; readonly reason: string }
/** Support asks the payment system to try the same split again. */
export interface RetrySettlementEvent extends Stamped { readonly type: 'RETRY_SETTLEMENT' }
/** A party rates how the dispute ended, once each. */
export interface RateEvent extends Stamped { readonly type: 'RATE'; readonly score: number; readonly comment?: string }

export type LifecycleEvent =
  | AcceptEvent
  | CounterEvent
  | RejectEvent
  | WithdrawEvent
  | EscalateEvent
  | DeadlineEvent
  | DecideEvent
  | SettledEvent
  | SettlementFailedEvent
  | RetrySettlementEvent
  | RateEvent;

export type LifecycleEventType = LifecycleEvent['type'];
