import type { RawAnswer } from './answers.js';
import type { Attempt } from './exchange.js';

/** The part of `fetch` the client uses; `globalThis.fetch` fits, and so does a host's wrapper. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Sends one try with `fetch` and reads the whole body as text, under the try's signal. */
export async function fetchAnswer(
  fetchFn: FetchLike,
  url: string,
  method: string,
  body: BodyInit | undefined,
  attempt: Attempt,
): Promise<RawAnswer> {
  const response = await fetchFn(url, {
    method,
    headers: attempt.headers,
    body,
    signal: attempt.signal,
    // The client makes its own conditional requests; a heuristically cached read would be stale.
    cache: 'no-store',
  });
  const text = response.status === 304 ? '' : await response.text();
  return { status: response.status, headers: response.headers, body: text, url: response.url === '' ? url : response.url };
}
