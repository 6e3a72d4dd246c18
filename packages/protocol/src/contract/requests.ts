import * as z from 'zod/mini';
import { Message, PhotoContentType, Reason } from '../dispute.js';
import { Resolution } from '../resolution.js';

/**
 * The bodies a widget or support tool sends once a dispute is open. The role comes from the
 * caller's token and the time from the backend's clock, so neither appears here.
 */

/** The buyer's answer to the seller's counter-offer. */
export const CounterAnswer = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept') }),
  z.object({ answer: z.literal('reject'), reason: Reason }),
]);
export type CounterAnswer = z.infer<typeof CounterAnswer>;

/** The buyer drops the dispute. The body is an empty object: there is nothing to choose. */
export const WithdrawRequest = z.strictObject({});
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

/** The party whose turn it is, or support, hands the case to support without rejecting. */
export const EscalateRequest = z.object({ reason: Reason });
export type EscalateRequest = z.infer<typeof EscalateRequest>;

/** Support settles an escalated case with any resolution up to the price. */
export const DecisionRequest = z.object({ resolution: Resolution, note: z.optional(Message) });
export type DecisionRequest = z.infer<typeof DecisionRequest>;

/** Support asks the payment system to pay out the same split again. Empty, like a withdrawal. */
export const SettlementRetryRequest = z.strictObject({});
export type SettlementRetryRequest = z.infer<typeof SettlementRetryRequest>;

/** A party's satisfaction with how the dispute ended, once each. */
export const RatingRequest = z.object({
  score: z.int().check(z.minimum(1), z.maximum(5)),
  comment: z.optional(Message),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

/** The buyer asks where to PUT a photo: its type and exact size, so that the URL can be bound to both. */
export const PhotoUploadRequest = z.object({
  contentType: PhotoContentType,
  bytes: z.int().check(z.minimum(1)),
});
export type PhotoUploadRequest = z.infer<typeof PhotoUploadRequest>;
