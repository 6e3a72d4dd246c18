import * as z from 'zod/mini';

/**
 * Stable `type` URIs of the problems a mediation backend returns, each with the one HTTP status it
 * comes with (docs/backend-contract.md lists when each is sent).
 */
export const ProblemType = {
  /** 400: the request is not JSON, or lacks a required header such as Idempotency-Key. */
  badRequest: 'urn:amicable:problem:bad-request',
  /** 401: no token, an invalid one, or an expired one. */
  unauthorized: 'urn:amicable:problem:unauthorized',
  /** 403: the token is for another order, or its role may not do this. */
  forbiddenRole: 'urn:amicable:problem:forbidden-role',
  /** 404: no such order, no dispute yet, or no such route. */
  notFound: 'urn:amicable:problem:not-found',
  /** 409: the dispute is not in a state that accepts this; the body's `dispute` is its current state. */
  invalidState: 'urn:amicable:problem:invalid-state',
  /** 409: the deadline of the party whose turn it was has passed; `dispute` is the current state. */
  deadlinePassed: 'urn:amicable:problem:deadline-passed',
  /** 409: the order already has a dispute; `dispute` is that dispute. */
  disputeExists: 'urn:amicable:problem:dispute-exists',
  /** 409: the decision tree changed since the page was loaded; reload the context. */
  treeChanged: 'urn:amicable:problem:tree-changed',
  /** 409: this party has already rated the dispute. */
  alreadyRated: 'urn:amicable:problem:already-rated',
  /** 409: a request with this Idempotency-Key is still being processed. */
  idempotencyKeyInFlight: 'urn:amicable:problem:idempotency-key-in-flight',
  /** 413: the photo is larger than the upload policy's `maxBytes`. */
  payloadTooLarge: 'urn:amicable:problem:payload-too-large',
  /** 415: the body's media type, or the photo's, is not one the backend takes. */
  unsupportedMediaType: 'urn:amicable:problem:unsupported-media-type',
  /** 422: the body does not match its schema or breaks a rule; `errors` names each field. */
  validation: 'urn:amicable:problem:validation',
  /** 422: an amount is outside what the tree or the price allows. */
  outOfBounds: 'urn:amicable:problem:out-of-bounds',
  /** 422: the seller named a proposal the buyer did not make. */
  unknownProposal: 'urn:amicable:problem:unknown-proposal',
  /** 422: the outcome allows no counter-offer, or the seller countered already. */
  counterNotAllowed: 'urn:amicable:problem:counter-not-allowed',
  /** 422: the same Idempotency-Key came with a different body. */
  idempotencyKeyReused: 'urn:amicable:problem:idempotency-key-reused',
  /** 429: too many requests; Retry-After says when to try again. */
  rateLimited: 'urn:amicable:problem:rate-limited',
  /** 500: the backend failed; the request may be retried with the same Idempotency-Key. */
  internal: 'urn:amicable:problem:internal',
  /** 503: the backend is briefly unavailable; Retry-After says when to try again. */
  unavailable: 'urn:amicable:problem:unavailable',
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/**
 * One field that failed validation: its JSON path (`$.proposals[0].amount.amount`), an English
 * message, and where the rule has one, its stable `code` (`out_of_bounds`, `too_short`…).
 */
export const FieldError = z.object({ path: z.string(), message: z.string(), code: z.optional(z.string()) });
export type FieldError = z.infer<typeof FieldError>;

/**
 * An `application/problem+json` body (RFC 9457). Unknown members are kept: a conflict carries
 * the dispute's current state in `dispute`.
 */
export const Problem = z.looseObject({
  type: z.string().check(z.minLength(1)),
  title: z.string(),
  status: z.int().check(z.minimum(400), z.maximum(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;
