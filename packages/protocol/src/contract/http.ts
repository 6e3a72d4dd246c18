import type * as z from 'zod/mini';
import { Dispute, Photo, type Role } from '../dispute.js';
import { OrderContext } from '../order-context.js';
import { PhotoUploadTicket } from './uploads.js';

/**
 * How one operation of the contract is reached: its method, its path under the host's base URL
 * (with `{orderId}` to fill in), the roles whose tokens may call it, the schema of the JSON it
 * answers with, and its success status. An `Endpoint` is this plus the schema of its request body.
 */
export interface Route<Result extends z.ZodMiniType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly roles: readonly Role[];
  readonly result: Result;
  readonly status: 200 | 201;
}

const everyone = ['buyer', 'seller', 'support'] as const satisfies readonly Role[];

function route<Result extends z.ZodMiniType>(spec: Route<Result>): Route<Result> {
  return Object.freeze({ ...spec, roles: Object.freeze([...spec.roles]) });
}

/**
 * Every operation of the contract by name, all but its request body: what a client needs to call
 * it and to validate the answer. `ENDPOINTS` adds the request bodies. The two are apart so that a
 * browser bundle, which validates what it receives and not what it sends, leaves the request
 * schemas out.
 */
export const ROUTES = Object.freeze({
  /** The order, the price, the parties, the caller's role, the tree and the dispute, if any. */
  getContext: route({ method: 'GET', path: '/orders/{orderId}/context', roles: everyone, result: OrderContext, status: 200 }),
  /** The buyer opens the order's dispute. One per order. */
  openDispute: route({ method: 'POST', path: '/orders/{orderId}/dispute', roles: ['buyer'], result: Dispute, status: 201 }),
  /** The order's dispute as it stands; `404` with `not-found` when none was opened. */
  getDispute: route({ method: 'GET', path: '/orders/{orderId}/dispute', roles: everyone, result: Dispute, status: 200 }),
  /** The buyer uploads a photo as `multipart/form-data` with one part named `file`. */
  uploadPhoto: route({ method: 'POST', path: '/orders/{orderId}/photos', roles: ['buyer'], result: Photo, status: 201 }),
  /** The buyer asks for a pre-signed URL to PUT a photo to. */
  requestPhotoUpload: route({ method: 'POST', path: '/orders/{orderId}/photo-uploads', roles: ['buyer'], result: PhotoUploadTicket, status: 201 }),
  /** The seller accepts a proposal, counters once, or rejects with a reason. */
  respond: route({ method: 'POST', path: '/orders/{orderId}/dispute/response', roles: ['seller'], result: Dispute, status: 200 }),
  /** The buyer accepts or rejects the seller's counter-offer. */
  answerCounter: route({ method: 'POST', path: '/orders/{orderId}/dispute/counter-answer', roles: ['buyer'], result: Dispute, status: 200 }),
  /** The buyer withdraws the dispute. */
  withdraw: route({ method: 'POST', path: '/orders/{orderId}/dispute/withdrawal', roles: ['buyer'], result: Dispute, status: 200 }),
  /** The party whose turn it is, or support, hands the case to support. */
  escalate: route({ method: 'POST', path: '/orders/{orderId}/dispute/escalation', roles: everyone, result: Dispute, status: 200 }),
  /** Support decides an escalated case. */
  decide: route({ method: 'POST', path: '/orders/{orderId}/dispute/decision', roles: ['support'], result: Dispute, status: 200 }),
  /** Support retries a payout that failed. */
  retrySettlement: route({ method: 'POST', path: '/orders/{orderId}/dispute/settlement-retry', roles: ['support'], result: Dispute, status: 200 }),
  /** The buyer or the seller rates how the dispute ended. */
  rate: route({ method: 'POST', path: '/orders/{orderId}/dispute/rating', roles: ['buyer', 'seller'], result: Dispute, status: 200 }),
});

/**
 * The optional stream of a dispute's changes (`text/event-stream`): a backend that offers it
 * names it in a `Link: <url>; rel="events"` header on `getDispute`. Each event is
 * `event: dispute`, `id:` the dispute's ETag, `data:` the dispute's JSON.
 */
export const DISPUTE_EVENTS_PATH = '/orders/{orderId}/dispute/events';

/** Fills every `{orderId}` in an endpoint's path, percent-encoded. */
export function endpointPath(path: string, orderId: string): string {
  return path.replaceAll('{orderId}', encodeURIComponent(orderId));
}

/** The longest `Idempotency-Key` the contract allows. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The contract's rule for an `Idempotency-Key`: 1 to 255 visible ASCII characters, `!` to `~`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The headers of the contract, by their exact names. */
export const ContractHeader = Object.freeze({
  idempotencyKey: 'Idempotency-Key',
  etag: 'ETag',
  ifNoneMatch: 'If-None-Match',
  retryAfter: 'Retry-After',
  /** Set to `true` on a response replayed for a repeated Idempotency-Key. */
  idempotentReplayed: 'Idempotent-Replayed',
} as const);
