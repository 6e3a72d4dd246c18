import * as z from 'zod/mini';
import { Id, Message, Reason, Timestamp } from '../dispute.js';
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

/** Image types a backend stores. Anything else is refused with 415. */
export const PhotoContentType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type PhotoContentType = z.infer<typeof PhotoContentType>;

/** How the backend takes photos, and its limits, as told to the widget in the order's context. */
export const UploadPolicy = z.object({
  /** `multipart`: POST the file to the backend; `presigned`: ask for a URL, then PUT the bytes there. */
  via: z.enum(['multipart', 'presigned']),
  /** The largest file, in bytes, the backend accepts (after the widget has downscaled it). */
  maxBytes: z.int().check(z.minimum(1)),
  contentTypes: z.array(PhotoContentType).check(z.minLength(1)),
});
export type UploadPolicy = z.infer<typeof UploadPolicy>;

/** What the host assumes when the context names no policy. */
export const DEFAULT_UPLOAD_POLICY: UploadPolicy = Object.freeze({
  via: 'multipart',
  maxBytes: 10 * 1024 * 1024,
  contentTypes: Object.freeze(['image/jpeg', 'image/png', 'image/webp']) as UploadPolicy['contentTypes'],
});

/** The buyer asks where to PUT a photo: its type and exact size, so that the URL can be bound to both. */
export const PhotoUploadRequest = z.object({
  contentType: PhotoContentType,
  bytes: z.int().check(z.minimum(1)),
});
export type PhotoUploadRequest = z.infer<typeof PhotoUploadRequest>;

/**
 * Where to PUT the photo's bytes: a URL that needs no token, valid until `expiresAt`, with the
 * headers to send. The PUT answers with the stored `Photo`; `photoId` is the id it will have.
 */
export const PhotoUploadTicket = z.object({
  photoId: Id,
  method: z.literal('PUT'),
  url: z.string().check(z.minLength(1)),
  headers: z.record(z.string(), z.string()),
  expiresAt: Timestamp,
});
export type PhotoUploadTicket = z.infer<typeof PhotoUploadTicket>;
