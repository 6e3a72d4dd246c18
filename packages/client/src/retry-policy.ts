import { ProblemType } from '@amicable/protocol';

/**
 * How often and how long the client tries again. `attempts` counts every try, the first included;
 * waits grow exponentially from `baseDelayMs` up to `maxDelayMs` with full jitter, unless the
 * backend's `Retry-After` says otherwise; a `Retry-After` above `maxRetryAfterMs` is not waited
 * for: the error surfaces at once, carrying `retryAfterMs`.
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

/** Four tries, waits of up to 0.3, 0.6 and 1.2 s, and no Retry-After longer than 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  attempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
});

/** The statuses worth another try: the request may not have been handled, or will be later. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Whether a 409 with this problem type is worth another try of a request with an
 * `Idempotency-Key`: only `idempotency-key-in-flight`, which says that an earlier try of the same
 * call is still being handled and that the next try will get its answer. Every other conflict is
 * about the dispute, and trying again changes nothing.
 */
export function isRetryableConflict(problemType: string): boolean {
  return problemType === ProblemType.idempotencyKeyInFlight;
}

/** The policy with `overrides` applied, checked: whole numbers, at least one attempt, no negative wait. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new RangeError(`retry.attempts must be a whole number of at least 1, got ${policy.attempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(policy[key] >= 0) || !Number.isFinite(policy[key])) {
      throw new RangeError(`retry.${key} must be a finite number of 0 or more, got ${policy[key]}`);
    }
  }
  return Object.freeze(policy);
}

/**
 * The wait before try number `failures + 1`, after `failures` (>= 1) failed tries: "full jitter",
 * a random share (`random()` in [0, 1)) of `baseDelayMs * 2^(failures - 1)`, capped at `maxDelayMs`.
 * Spreading the waits keeps many widgets that failed together from retrying together.
 */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  const share = Math.min(Math.max(random(), 0), 1);
  return Math.floor(share * ceiling);
}

/**
 * A `Retry-After` header in milliseconds from `now`: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`; a date in the past gives 0). `null` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only dates in the IMF-fixdate form or its obsolete relatives; Date.parse alone would take "1.5".
  if (!/^[A-Za-z]{3},? /.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
