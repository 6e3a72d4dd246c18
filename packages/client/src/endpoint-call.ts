import { ContractHeader, ROUTES, type EndpointName } from '@amicable/protocol';
import { decodeAnswer, type Parsed, type RawAnswer } from './answers.js';
import { responseAdapter, type ClientContext } from './client-options.js';
import type { RequestDescription } from './errors.js';
import { exchange, type ExchangeRequest } from './exchange.js';
import { fetchAnswer } from './fetch-transport.js';
import { checkedIdempotencyKey } from './idempotency-key.js';
import { resolveRoute, withoutQuery } from './routes.js';

/** What every call takes: a signal that cancels it (also while it waits to retry). */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** What every POST takes besides. */
export interface PostOptions extends CallOptions {
  /**
   * The `Idempotency-Key`, sent on every try of this call; a new UUID by default. 1 to 255 visible
   * ASCII characters (`!` to `~`), as the contract says: another key rejects the call with a
   * `TypeError` before anything is sent.
   */
  readonly idempotencyKey?: string;
}

/** The validated result of an endpoint. */
export type ResultOf<N extends EndpointName> = Parsed<(typeof ROUTES)[N]['result']>;

/** The JSON types the contract accepts. */
export const ACCEPT_JSON = 'application/json, application/problem+json';

/** A sent request and its answer (a 2xx, or a 304 when `ifNoneMatch` was given). */
export interface EndpointAnswer {
  readonly request: RequestDescription;
  readonly answer: RawAnswer;
}

/**
 * Sends endpoint `name` for `orderId` through the exchange (token, timeout, retries): at the host's
 * route if it has one, the body (converted by `adapt.request`) as JSON on a POST, with an
 * `Idempotency-Key` that every retry reuses. Throws a `TypeError` for a given key the contract
 * does not allow.
 */
export async function sendEndpoint(
  context: ClientContext,
  name: EndpointName,
  orderId: string,
  body: unknown,
  options: PostOptions & { readonly ifNoneMatch?: string | undefined },
): Promise<EndpointAnswer> {
  const key = checkedIdempotencyKey(options.idempotencyKey);
  const route = resolveRoute(context.baseUrl, context.routes, name, orderId);
  const headers: Record<string, string> = { Accept: ACCEPT_JSON };
  let payload: string | undefined;
  if (route.method === 'POST') {
    headers[ContractHeader.idempotencyKey] = key;
    const converted = context.adapt.request === undefined ? body : context.adapt.request(name, body);
    if (converted !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(converted);
    }
  }
  if (options.ifNoneMatch !== undefined) headers[ContractHeader.ifNoneMatch] = options.ifNoneMatch;
  const request: ExchangeRequest = {
    operation: name,
    method: route.method,
    url: withoutQuery(route.url),
    orderId,
    headers,
    signal: options.signal,
    acceptsNotModified: options.ifNoneMatch !== undefined,
    send: (attempt) => fetchAnswer(context.fetch, route.url, route.method, payload, attempt),
  };
  return { request, answer: await exchange(context.settings, request) };
}

/** The answer's body as endpoint `name`'s result: converted by `adapt.response`, then validated. */
export function decodeEndpoint<N extends EndpointName>(context: ClientContext, name: N, sent: EndpointAnswer): ResultOf<N> {
  // With a generic name TypeScript sees the union of every result; the schema is N's, so is its output.
  return decodeAnswer(sent.request, sent.answer, ROUTES[name].result, responseAdapter(context, name)) as ResultOf<N>;
}

/** Sends endpoint `name` and gives back its validated result. */
export async function callEndpoint<N extends EndpointName>(
  context: ClientContext,
  name: N,
  orderId: string,
  body: unknown,
  options: PostOptions,
): Promise<ResultOf<N>> {
  return decodeEndpoint(context, name, await sendEndpoint(context, name, orderId, body, options));
}
