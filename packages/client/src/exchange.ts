import { ContractHeader } from '@amicable/protocol';
import { answerError, type RawAnswer } from './answers.js';
import { raceAbort, wait, type Sleep } from './cancellation.js';
import {
  AbortedError,
  ConflictError,
  HttpError,
  NetworkError,
  TimeoutError,
  UnauthorizedError,
  type ClientError,
  type ClientOperation,
  type RequestDescription,
} from './errors.js';
import { backoffDelay, isRetryableConflict, RETRYABLE_STATUSES, type RetryPolicy } from './retry-policy.js';
import { TokenUnavailable, type TokenCache } from './token-cache.js';

/** What every request of one client shares. */
export interface ExchangeSettings {
  readonly tokens: TokenCache;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly random: () => number;
  readonly sleep: Sleep;
  /** The host's conversion of its error bodies into problems, if it has one. */
  readonly adaptProblem: ((operation: ClientOperation, json: unknown) => unknown) | undefined;
}

/** One try of a request, as its transport sends it. */
export interface Attempt {
  /** The request's headers, `Authorization` included when it needs a token. */
  readonly headers: Readonly<Record<string, string>>;
  /** Aborts on the caller's signal and on the timeout; the transport must stop when it fires. */
  readonly signal: AbortSignal;
  /** Tells the timeout that the request is progressing (uploads time out on silence, not on length). */
  readonly progressed: () => void;
}

/** A request the exchange sends, tries again, and turns into an answer or a typed error. */
export interface ExchangeRequest extends RequestDescription {
  /** The order whose token goes in `Authorization`; `null` for a request that takes none (a pre-signed PUT). */
  readonly orderId: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal | undefined;
  /** Whether a 304 is an answer (a conditional read) rather than an error. */
  readonly acceptsNotModified?: boolean;
  /** `total`: the whole answer must come within `timeoutMs`; `idle`: no progress for `timeoutMs`. */
  readonly timeout?: 'total' | 'idle';
  /** Sends one try and reads its answer; rejects when the network fails or `attempt.signal` fires. */
  readonly send: (attempt: Attempt) => Promise<RawAnswer>;
}

/**
 * Sends `request` until it gets an answer it can give back (a 2xx, or a 304 when asked for) and
 * gives it back, or throws the typed error:
 * - the caller's signal aborts: `AbortedError`, at once, also while waiting to retry;
 * - a 401: `getToken({ refresh: true })` once and the request once more; another 401 is `UnauthorizedError`;
 * - a network failure, a timeout, 408, 429, 500, 502, 503 or 504: tried again (GET, PUT, and POSTs
 *   with an `Idempotency-Key`, which the client always sends) up to `retry.attempts` tries in all,
 *   after `Retry-After` when the backend sent one (surfacing at once when it exceeds
 *   `retry.maxRetryAfterMs`), else after an exponential backoff with full jitter;
 * - a 409 `idempotency-key-in-flight` to a request with an `Idempotency-Key`: the backend is still
 *   handling an earlier try of this very call (one that timed out here, say), so it is tried
 *   again as a 503 is, with the same key, until the backend replays that try's answer;
 * - anything else: its error, never tried again.
 */
export async function exchange(settings: ExchangeSettings, request: ExchangeRequest): Promise<RawAnswer> {
  const { signal } = request;
  const keyed = Object.hasOwn(request.headers, ContractHeader.idempotencyKey);
  const retryable = request.method === 'GET' || request.method === 'PUT' || keyed;
  let failures = 0;
  let refreshed = false;
  let token = await tokenFor(settings, request, null);
  for (;;) {
    const outcome = await attempt(settings, request, token);
    if (signal?.aborted) throw new AbortedError(request, signal.reason);
    let error: ClientError;
    if (outcome instanceof Error) {
      error = outcome;
    } else {
      const { status } = outcome;
      if ((status >= 200 && status < 300) || (status === 304 && request.acceptsNotModified === true)) return outcome;
      if (status === 401 && token !== null && !refreshed) {
        refreshed = true;
        token = await tokenFor(settings, request, token);
        continue;
      }
      const { adaptProblem } = settings;
      error = answerError(request, outcome, adaptProblem && ((json) => adaptProblem(request.operation, json)));
      const worthRetrying = RETRYABLE_STATUSES.has(status) || (keyed && error instanceof ConflictError && isRetryableConflict(error.code));
      if (error.kind === 'malformed' || !worthRetrying) throw error;
    }
    failures += 1;
    if (!retryable || failures >= settings.retry.attempts) throw error;
    const retryAfterMs = error instanceof HttpError || error instanceof ConflictError ? error.retryAfterMs : null;
    if (retryAfterMs !== null && retryAfterMs > settings.retry.maxRetryAfterMs) throw error;
    try {
      await wait(settings.sleep, retryAfterMs ?? backoffDelay(settings.retry, failures, settings.random), signal);
    } catch (reason) {
      if (signal?.aborted) throw new AbortedError(request, signal.reason);
      throw reason;
    }
  }
}

/** The order's token (a replacement for `refused` when given), or `null` for a request without one. */
async function tokenFor(settings: ExchangeSettings, request: ExchangeRequest, refused: string | null): Promise<string | null> {
  const { orderId, signal } = request;
  if (orderId === null) return null;
  if (signal?.aborted) throw new AbortedError(request, signal.reason);
  try {
    const pending = refused === null ? settings.tokens.current(orderId) : settings.tokens.refresh(orderId, refused);
    return await raceAbort(pending, signal);
  } catch (error) {
    if (signal?.aborted) throw new AbortedError(request, signal.reason);
    if (error instanceof TokenUnavailable) throw new UnauthorizedError(request, { tokenFailure: error.cause, orderId });
    throw error;
  }
}

/** One try: the answer, or the network or timeout error it ended with. */
async function attempt(settings: ExchangeSettings, request: ExchangeRequest, token: string | null): Promise<RawAnswer | ClientError> {
  const controller = new AbortController();
  let timedOut = false;
  const expire = (): void => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  };
  let timer = setTimeout(expire, settings.timeoutMs);
  const progressed = (): void => {
    if (request.timeout !== 'idle' || timedOut) return;
    clearTimeout(timer);
    timer = setTimeout(expire, settings.timeoutMs);
  };
  const cancel = (): void => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', cancel, { once: true });
  if (request.signal?.aborted) cancel();
  const headers = token === null ? request.headers : { ...request.headers, Authorization: `Bearer ${token}` };
  try {
    return await request.send({ headers, signal: controller.signal, progressed });
  } catch (cause) {
    if (timedOut) return new TimeoutError(request, settings.timeoutMs);
    return new NetworkError(request, cause);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', cancel);
  }
}
