import * as z from 'zod/mini';
import { Actor, Id, Message, Reason, Timestamp } from './dispute.js';
import { Resolution } from './resolution.js';

/** Every action says who takes it and when, by the backend's clock. */
const stamp = { role: Actor, at: Timestamp };

/**
 * What somebody does to a dispute once it is open: the events of the lifecycle in
 * `@amicable/machine`. A backend builds one from a request (the role from the caller's token, the
 * time from its own clock) and hands it to `applyLifecycleEvent`, which checks it against this
 * schema before anything else.
 */
export const DisputeAction = z.discriminatedUnion('type', [
  /** The seller takes one of the buyer's proposals, or the buyer takes the counter-offer. */
  z.object({ type: z.literal('ACCEPT'), ...stamp, proposalId: z.optional(Id) }),
  /** The seller answers with one counter-offer, where the outcome allows it. */
  z.object({ type: z.literal('COUNTER'), ...stamp, resolution: Resolution, message: z.optional(Message) }),
  /** The party whose turn it is refuses, with a reason; the case goes to support. */
  z.object({ type: z.literal('REJECT'), ...stamp, reason: Reason }),
  /** The buyer drops the dispute. */
  z.object({ type: z.literal('WITHDRAW'), ...stamp }),
  /** The party whose turn it is, or support, hands the case to support without rejecting. */
  z.object({ type: z.literal('ESCALATE'), ...stamp, reason: Reason }),
  /** The backend's clock reached the deadline of the party whose turn it is. */
  z.object({ type: z.literal('DEADLINE'), ...stamp }),
  /** Support settles an escalated case with any resolution up to the price. */
  z.object({ type: z.literal('DECIDE'), ...stamp, resolution: Resolution, note: z.optional(Message) }),
  /** The host's payment system paid out the split. */
  z.object({ type: z.literal('SETTLED'), ...stamp }),
  /** The host's payment system could not pay out the split. */
  z.object({ type: z.literal('SETTLEMENT_FAILED'), ...stamp, reason: Reason }),
  /** Support asks the payment system to try the same split again. */
  z.object({ type: z.literal('RETRY_SETTLEMENT'), ...stamp }),
  /** A party rates how the dispute ended, once each. */
  z.object({
    type: z.literal('RATE'),
    ...stamp,
    score: z.int().check(z.minimum(1), z.maximum(5)),
    comment: z.optional(Message),
  }),
]);
export type DisputeAction = z.infer<typeof DisputeAction>;
export type DisputeActionType = DisputeAction['type'];
