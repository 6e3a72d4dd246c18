import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { ReferenceBackend } from '../backend.js';
import { corsHeaders } from '../cors.js';
import { problem } from '../problems.js';
import { routeNameOf, withoutTrailingSlashes, type RouteName } from '../router.js';

export { routeNameOf, type RouteName };

/** Where the backend is served, for msw to intercept. */
export interface ReferenceHandlersOptions {
  /** The absolute base URL the client is given, e.g. `http://127.0.0.1:8787/api`. */
  readonly baseUrl: string;
}

/**
 * msw handlers that answer every request under `baseUrl` (the contract's endpoints, the event
 * stream, photos and pre-signed uploads) with `backend.handle(request)`. Works with `setupWorker`
 * from `msw/browser` and `setupServer` from `msw/node` alike.
 */
export function referenceHandlers(backend: Pick<ReferenceBackend, 'handle'>, options: ReferenceHandlersOptions): HttpHandler[] {
  return [http.all(`${withoutTrailingSlashes(options.baseUrl)}/*`, ({ request }) => backend.handle(request))];
}

/** Which requests a fault applies to, and how often. */
export interface FaultOptions {
  /** The route whose requests fail (`getContext`, `openDispute`, `getPhoto`…); every route when omitted. */
  readonly endpoint?: RouteName;
  /** The first `times` matching requests fail, later ones reach the backend; every one when omitted. */
  readonly times?: number;
  /** The backend's base URL; without it a request is matched by the end of its path. */
  readonly baseUrl?: string;
}

/**
 * A handler to prepend (`worker.use(...)`, `server.use(...)`) that answers matching requests with
 * `fault` and lets the rest fall through to the next handler.
 */
function faultHandler(options: FaultOptions, fault: () => Promise<Response | undefined> | Response | undefined): HttpHandler {
  let remaining = options.times ?? Number.POSITIVE_INFINITY;
  const path = options.baseUrl === undefined ? '*' : `${withoutTrailingSlashes(options.baseUrl)}/*`;
  return http.all(path, ({ request }) => {
    const name = routeNameOf(request, options.baseUrl);
    if (name === null || (options.endpoint !== undefined && name !== options.endpoint) || remaining <= 0) return undefined;
    remaining -= 1;
    return fault();
  });
}

/** Delays matching requests by `ms` (or forever), then lets the backend answer them. */
export function latency(ms: number | 'infinite', options: FaultOptions = {}): HttpHandler {
  return faultHandler(options, async () => {
    await delay(ms);
    return undefined;
  });
}

/** Options of `serverError`. */
export interface ServerErrorOptions extends FaultOptions {
  /** 500 by default; 503 answers `unavailable`, 429 `rate-limited`, anything else `internal`. */
  readonly status?: number;
  /** Seconds to send in `Retry-After`. */
  readonly retryAfter?: number;
}

/** Answers matching requests with a 5xx (or 429) problem, as a failing backend would. */
export function serverError(options: ServerErrorOptions = {}): HttpHandler {
  const status = options.status ?? 500;
  const type = status === 503 ? 'unavailable' : status === 429 ? 'rateLimited' : 'internal';
  return faultHandler(options, () => {
    const reply = problem(type, { detail: 'a fault injected by the test' });
    const body = { ...(JSON.parse(reply.body as string) as object), status };
    const headers: Record<string, string> = { ...reply.headers, ...corsHeaders('*') };
    if (options.retryAfter !== undefined) headers['Retry-After'] = String(options.retryAfter);
    return new HttpResponse(JSON.stringify(body), { status, headers });
  });
}

/** Answers matching requests with 200 and a body that is not JSON, as a broken proxy might. */
export function malformedBody(options: FaultOptions = {}): HttpHandler {
  return faultHandler(options, () => new HttpResponse('{"status": "awaiting_sel', { status: 200, headers: { 'Content-Type': 'application/json', ...corsHeaders('*') } }));
}

/** Fails matching requests at the network level: `fetch` rejects with a `TypeError`. */
export function droppedConnection(options: FaultOptions = {}): HttpHandler {
  return faultHandler(options, () => HttpResponse.error());
}
