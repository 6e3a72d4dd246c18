import * as z from 'zod/mini';
import { NodeId } from './decision-tree.js';
import { Money } from './money.js';
import { Proposal, Resolution } from './resolution.js';

/** An identifier chosen by the backend. */
export const Id = z.string().check(z.minLength(1), z.maxLength(128));
/** An ISO 8601 date and time with an offset: `2026-11-26T09:00:00Z`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** Who takes part in a dispute. */
export const Role = z.enum(['buyer', 'seller', 'support']);
export type Role = z.infer<typeof Role>;

/** Who did something: a party, or the backend itself (deadlines, settlement). */
export const Actor = z.enum(['buyer', 'seller', 'support', 'system']);
export type Actor = z.infer<typeof Actor>;

/** Where the dispute stands; the lifecycle machine in `@amicable/machine` owns the rules. */
export const DisputeStatus = z.enum([
  'awaiting_seller',
  'awaiting_buyer',
  'escalated',
  'settling',
  'settlement_failed',
  'resolved',
  'withdrawn',
]);
export type DisputeStatus = z.infer<typeof DisputeStatus>;

/** One answered question on the buyer's way through the tree. */
export const PathStep = z.object({ nodeId: NodeId, optionId: NodeId });
export type PathStep = z.infer<typeof PathStep>;

/** Image types a backend stores. Anything else is refused with 415. */
export const PhotoContentType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type PhotoContentType = z.infer<typeof PhotoContentType>;

/** A photo the buyer attached, as stored by the backend. */
export const Photo = z.object({
  id: Id,
  url: z.string().check(z.minLength(1)),
  contentType: PhotoContentType,
  width: z.int().check(z.minimum(1)),
  height: z.int().check(z.minimum(1)),
  bytes: z.int().check(z.minimum(1)),
});
export type Photo = z.infer<typeof Photo>;

/** A reason typed by a person: required, at most 2000 characters once trimmed. */
export const Reason = z.string().check(z.trim(), z.minLength(1, 'a reason is required'), z.maxLength(2000));

/** An optional message or note typed by a person, at most 2000 characters. */
export const Message = z.string().check(z.maxLength(2000, 'at most 2000 characters'));

/** The seller's answer to the buyer's proposals. */
export const SellerResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), proposalId: Id }),
  z.object({ kind: z.literal('counter'), resolution: Resolution, message: z.optional(Message) }),
  z.object({ kind: z.literal('reject'), reason: Reason }),
]);
export type SellerResponse = z.infer<typeof SellerResponse>;

/** The seller's one counter-offer and the buyer's answer to it, once given. */
export const CounterOffer = z.object({
  resolution: Resolution,
  message: z.optional(z.string()),
  answer: z.nullable(z.enum(['accepted', 'rejected'])),
  reason: z.optional(z.string()),
});
export type CounterOffer = z.infer<typeof CounterOffer>;

/** The agreed or decided resolution, its money split and where the payout stands. */
export const Settlement = z.object({
  resolution: Resolution,
  refund: Money,
  payout: Money,
  decidedBy: Actor,
  status: z.enum(['pending', 'paid', 'failed']),
  failureReason: z.optional(z.string()),
});
export type Settlement = z.infer<typeof Settlement>;

/** What happens if nobody acts, and when: shown by the widgets next to every status. */
export const IdleOutcome = z.object({
  /** Whose move it is; `null` once the dispute has ended. */
  waitingFor: z.nullable(Actor),
  /** When the deadline lapses; `null` where there is none. */
  at: z.nullable(Timestamp),
  /** What the backend does at `at` (or `none` when nothing happens by itself). */
  then: z.enum(['escalate', 'accept_first_proposal', 'none']),
});
export type IdleOutcome = z.infer<typeof IdleOutcome>;

/** Deadlines set so far; `null` until the party is first put on a clock. */
export const Deadlines = z.object({
  seller: z.nullable(Timestamp),
  buyer: z.nullable(Timestamp),
});
export type Deadlines = z.infer<typeof Deadlines>;

/** Kinds of entries in a dispute's timeline. */
export const TimelineEventType = z.enum([
  'opened',
  'accepted',
  'countered',
  'rejected',
  'counter_accepted',
  'counter_rejected',
  'withdrawn',
  'escalated',
  'deadline_lapsed',
  'decided',
  'settled',
  'settlement_failed',
  'settlement_retried',
  'rated',
]);
export type TimelineEventType = z.infer<typeof TimelineEventType>;

/** Who did what, when. */
export const TimelineEntry = z.object({
  at: Timestamp,
  actor: Actor,
  type: TimelineEventType,
  note: z.optional(z.string()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A party's satisfaction with how the dispute ended, 1 (bad) to 5 (good). */
export const Rating = z.object({
  role: z.enum(['buyer', 'seller']),
  score: z.int().check(z.minimum(1), z.maximum(5)),
  comment: z.optional(Message),
});
export type Rating = z.infer<typeof Rating>;

/** Why a case went to support, for the widgets to explain in the reader's language. */
export const EscalationCause = z.enum([
  'seller_rejected',
  'buyer_rejected_counter',
  'requested',
  'seller_deadline',
  'buyer_deadline',
  'straight_to_support',
]);
export type EscalationCause = z.infer<typeof EscalationCause>;

/** The hand-over to support: who, why (a cause, and the person's own words where they gave any), when. */
export const Escalation = z.object({
  by: Actor,
  cause: EscalationCause,
  reason: z.optional(z.string()),
  at: Timestamp,
});
export type Escalation = z.infer<typeof Escalation>;

/** A dispute as the backend returns it. */
export const Dispute = z.object({
  id: Id,
  orderId: Id,
  treeId: NodeId,
  /** The version of the tree the buyer walked; its outcome's rules govern the dispute. */
  treeVersion: z.int().check(z.minimum(1)),
  status: DisputeStatus,
  price: Money,
  path: z.array(PathStep),
  outcomeId: NodeId,
  description: z.string(),
  photos: z.array(Photo),
  proposals: z.array(Proposal),
  sellerResponse: z.nullable(SellerResponse),
  counterOffer: z.nullable(CounterOffer),
  escalation: z.nullable(Escalation),
  settlement: z.nullable(Settlement),
  /** When each party's time runs out: the seller's to respond, the buyer's to answer a counter-offer. */
  deadlines: Deadlines,
  /** What happens if nobody acts, and when; derived from the status and the deadlines. */
  idle: IdleOutcome,
  timeline: z.array(TimelineEntry),
  ratings: z.array(Rating),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}).check(
  z.refine(
    ({ price, settlement }) =>
      settlement === null
      || (settlement.refund.currency === price.currency
        && settlement.payout.currency === price.currency
        && settlement.refund.amount + settlement.payout.amount === price.amount),
    { message: 'the settlement must split the price exactly: refund + payout = price, in its currency', path: ['settlement'] },
  ),
);
export type Dispute = z.infer<typeof Dispute>;

/** What the buyer submits to open a dispute. */
export const OpenDisputeRequest = z.object({
  orderId: Id,
  /** The tree the buyer walked, so that a backend can tell a page opened before the tree changed. */
  treeId: NodeId,
  treeVersion: z.int().check(z.minimum(1)),
  /** Empty only for a tree whose root is an outcome. */
  path: z.array(PathStep),
  outcomeId: NodeId,
  description: z.string().check(z.maxLength(10_000)),
  photoIds: z.array(Id).check(z.maxLength(20)),
  proposals: z.array(Resolution).check(z.maxLength(5)),
});
export type OpenDisputeRequest = z.infer<typeof OpenDisputeRequest>;
