import * as z from 'zod/mini';

/** Stable `type` URIs of the problems a mediation backend returns. */
export const ProblemType = {
  unauthorized: 'urn:amicable:problem:unauthorized',
  forbiddenRole: 'urn:amicable:problem:forbidden-role',
  notFound: 'urn:amicable:problem:not-found',
  invalidState: 'urn:amicable:problem:invalid-state',
  outOfBounds: 'urn:amicable:problem:out-of-bounds',
  validation: 'urn:amicable:problem:validation',
  idempotencyKeyReused: 'urn:amicable:problem:idempotency-key-reused',
  payloadTooLarge: 'urn:amicable:problem:payload-too-large',
  unsupportedMediaType: 'urn:amicable:problem:unsupported-media-type',
  rateLimited: 'urn:amicable:problem:rate-limited',
  internal: 'urn:amicable:problem:internal',
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/** One field that failed validation, by its JSON path (`proposals.0.amount.amount`). */
export const FieldError = z.object({ path: z.string(), message: z.string() });
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
