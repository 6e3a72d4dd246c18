import type * as z from 'zod/mini';
import { Dispute, OpenDisputeRequest, Photo, SellerResponse, type Role } from '../dispute.js';
import { OrderContext } from '../order-context.js';
import {
  CounterAnswer,
  DecisionRequest,
  EscalateRequest,
  PhotoUploadRequest,
  PhotoUploadTicket,
  RatingRequest,
  SettlementRetryRequest,
  WithdrawRequest,
} from './requests.js';

/**
 * One operation of the backend contract: its method, its path under the host's base URL (with
 * `{orderId}` to fill in), the roles whose tokens may call it, the schema of the JSON body it
 * takes (`null` for none or for a file) and of the JSON it answers with, and its success status.
 * The client, the reference backend, the JSON Schemas and docs/backend-contract.md all read this
 * table, so a path or a shape is written down once.
 */
export interface Endpoint<Body extends z.ZodMiniType | null, Result extends z.ZodMiniType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly roles: readonly Role[];
  readonly body: Body;
  readonly result: Result;
  readonly status: 200 | 201;
}

const everyone = ['buyer', 'seller', 'support'] as const satisfies readonly Role[];

function endpoint<Body extends z.ZodMiniType | null, Result extends z.ZodMiniType>(
  spec: Endpoint<Body, Result>,
): Endpoint<Body, Result> {
  return Object.freeze({ ...spec, roles: Object.freeze([...spec.roles]) });
}

/** Every operation of the contract, by name. */
export const ENDPOINTS = Object.freeze({
  /** The order, the price, the parties, the caller's role, the tree and the dispute, if any. */
  getContext: endpoint({ method: 'GET', path: '/orders/{orderId}/context', roles: everyone, body: null, result: OrderContext, status: 200 }),
  /** The buyer opens the order's dispute. One per order. */
  openDispute: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute', roles: ['buyer'], body: OpenDisputeRequest, result: Dispute, status: 201 }),
  /** The order's dispute as it stands; `404` with `not-found` when none was opened. */
  getDispute: endpoint({ method: 'GET', path: '/orders/{orderId}/dispute', roles: everyone, body: null, result: Dispute, status: 200 }),
  /** The buyer uploads a photo as `multipart/form-data` with one part named `file`. */
  uploadPhoto: endpoint({ method: 'POST', path: '/orders/{orderId}/photos', roles: ['buyer'], body: null, result: Photo, status: 201 }),
  /** The buyer asks for a pre-signed URL to PUT a photo to. */
  requestPhotoUpload: endpoint({ method: 'POST', path: '/orders/{orderId}/photo-uploads', roles: ['buyer'], body: PhotoUploadRequest, result: PhotoUploadTicket, status: 201 }),
  /** The seller accepts a proposal, counters once, or rejects with a reason. */
  respond: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/response', roles: ['seller'], body: SellerResponse, result: Dispute, status: 200 }),
  /** The buyer accepts or rejects the seller's counter-offer. */
  answerCounter: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/counter-answer', roles: ['buyer'], body: CounterAnswer, result: Dispute, status: 200 }),
  /** The buyer withdraws the dispute. */
  withdraw: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/withdrawal', roles: ['buyer'], body: WithdrawRequest, result: Dispute, status: 200 }),
  /** The party whose turn it is, or support, hands the case to support. */
  escalate: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/escalation', roles: everyone, body: EscalateRequest, result: Dispute, status: 200 }),
  /** Support decides an escalated case. */
  decide: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/decision', roles: ['support'], body: DecisionRequest, result: Dispute, status: 200 }),
  /** Support retries a payout that failed. */
  retrySettlement: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/settlement-retry', roles: ['support'], body: SettlementRetryRequest, result: Dispute, status: 200 }),
  /** The buyer or the seller rates how the dispute ended. */
  rate: endpoint({ method: 'POST', path: '/orders/{orderId}/dispute/rating', roles: ['buyer', 'seller'], body: RatingRequest, result: Dispute, status: 200 }),
});
export type EndpointName = keyof typeof ENDPOINTS;

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
