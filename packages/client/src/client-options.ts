import type { EndpointName } from '@amicable/protocol';
import type { JsonAdapter } from './answers.js';
import { realSleep, type Sleep } from './cancellation.js';
import type { ClientOperation } from './errors.js';
import type { ExchangeSettings } from './exchange.js';
import type { FetchLike } from './fetch-transport.js';
import { retryPolicy, type RetryPolicy } from './retry-policy.js';
import type { RouteOverrides } from './routes.js';
import { TokenCache, type TokenSource } from './token-cache.js';
import { defaultXhrFactory, type XhrFactory } from './xhr-transport.js';

/**
 * Conversions between a host's JSON and the contract's, for a backend that speaks a dialect of
 * the contract. Each runs before validation (responses) or after the client built the body
 * (requests); what comes out is validated exactly as if the backend had sent it.
 */
export interface Adapters {
  /** The body the host's backend expects for `name`, made from the contract's body. */
  readonly request?: (name: EndpointName, body: unknown) => unknown;
  /**
   * The contract's JSON made from the host's answer to `name`: `uploadPhoto` for both ways of
   * uploading, `disputeEvents` for the dispute in each event of the stream.
   */
  readonly response?: (name: EndpointName | 'disputeEvents', json: unknown) => unknown;
  /** A problem (RFC 9457) made from the host's error body, when the host's errors are shaped otherwise. */
  readonly problem?: (operation: ClientOperation, json: unknown) => unknown;
}

/** How to reach the host's mediation backend. Only `baseUrl` and `getToken` are required. */
export interface ClientOptions {
  /** Where the contract's paths live, such as `https://shop.example/api/mediation` or `/api/mediation`. */
  readonly baseUrl: string;
  /**
   * A bearer token for the order, from the host's server. Asked once per order and cached; asked
   * again with `refresh: true` after the backend answers 401, and the request is sent once more.
   */
  readonly getToken: TokenSource;
  /** The `fetch` to send requests with; `globalThis.fetch` by default, looked up at each request. */
  readonly fetch?: FetchLike;
  /** How long one try may take, in milliseconds (for uploads: how long it may make no progress). 15000 by default. */
  readonly timeoutMs?: number;
  /** Tries and waits; see `RetryPolicy` and `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** The jitter of backoff waits, a number in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
  /** How the client waits between retries and between polls; a timer by default. */
  readonly sleep?: Sleep;
  /**
   * Makes the `XMLHttpRequest` photo uploads use, for progress events; the browser's by default.
   * `null` (or a runtime without it) uploads with `fetch`, which reports progress only at the end.
   */
  readonly xhr?: XhrFactory | null;
  /** Where the host's backend serves an endpoint, when not at the contract's path. */
  readonly routes?: RouteOverrides;
  /** Conversions of a host's JSON dialect. */
  readonly adapt?: Adapters;
}

/** Everything the client's operations share, with the defaults applied. */
export interface ClientContext {
  readonly baseUrl: string;
  readonly routes: RouteOverrides | undefined;
  readonly adapt: Adapters;
  readonly fetch: FetchLike;
  readonly xhr: XhrFactory | null;
  readonly settings: ExchangeSettings;
}

/** The host's conversion of its answers to `name` into the contract's JSON, when it has one. */
export function responseAdapter(context: ClientContext, name: EndpointName | 'disputeEvents'): JsonAdapter | undefined {
  const { response } = context.adapt;
  return response && ((json) => response(name, json));
}

/** The default per-try timeout, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Checks `options` and fills in the defaults. Throws a `TypeError` or `RangeError` naming the bad option. */
export function clientContext(options: ClientOptions): ClientContext {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') throw new TypeError('baseUrl must be a non-empty URL');
  if (typeof options.getToken !== 'function') throw new TypeError('getToken must be a function that gives a bearer token');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  const adapt = options.adapt ?? {};
  return {
    baseUrl: options.baseUrl,
    routes: options.routes,
    adapt,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    xhr: options.xhr === undefined ? defaultXhrFactory() : options.xhr,
    settings: {
      tokens: new TokenCache(options.getToken),
      retry: retryPolicy(options.retry),
      timeoutMs,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? realSleep,
      adaptProblem: adapt.problem,
    },
  };
}
