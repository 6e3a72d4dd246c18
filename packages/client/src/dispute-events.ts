import { Dispute } from '@amicable/protocol';
import { decodeAnswer } from './answers.js';
import { responseAdapter, type ClientContext } from './client-options.js';
import { isClientError, type AnyClientError, type RequestDescription } from './errors.js';
import { EventStreamParser, type StreamEvent } from './event-stream.js';
import { exchange, type ExchangeRequest } from './exchange.js';
import { withoutQuery } from './routes.js';

/** A stream that sends nothing, not even its keep-alive comment (every 15 s), for this long is taken for dead. */
export const STREAM_IDLE_MS = 45_000;

/** What the stream reader tells the watcher. */
export interface DisputeEventHandlers {
  /** A valid dispute from an `event: dispute`, with the event's `id` (the dispute's ETag), `''` when none. */
  readonly onDispute: (dispute: Dispute, id: string) => void;
  /** An event whose data is not JSON, or not a dispute; the stream goes on. */
  readonly onError: (error: AnyClientError) => void;
}

/**
 * Reads the dispute's event stream at `url` with `fetch` and a stream reader (an `EventSource`
 * cannot send `Authorization`) until it ends, fails, goes silent for `STREAM_IDLE_MS`, or `signal`
 * aborts. Opening it follows the client's rules for a GET (token, one refresh after a 401,
 * timeout, retries of network failures, timeouts and 5xx), so that a passing failure does not
 * cost the watch its stream; what still fails makes the watcher poll. Resolves with whether any
 * valid dispute came; never rejects.
 */
export async function readDisputeEvents(
  context: ClientContext,
  orderId: string,
  url: string,
  signal: AbortSignal,
  handlers: DisputeEventHandlers,
): Promise<{ readonly delivered: boolean }> {
  let stream = null as ReadableStream<Uint8Array> | null;
  const request: ExchangeRequest = {
    operation: 'disputeEvents',
    method: 'GET',
    url: withoutQuery(url),
    orderId,
    headers: { Accept: 'text/event-stream' },
    signal,
    send: async (attempt) => {
      const response = await context.fetch(url, { method: 'GET', headers: attempt.headers, signal: attempt.signal, cache: 'no-store' });
      const isStream = (response.headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/event-stream');
      if (response.ok && isStream && response.body !== null) {
        // The body is read below, after the exchange: its timeout covers only the opening.
        stream = response.body;
        return { status: response.status, headers: response.headers, body: '', url: response.url };
      }
      // Not a stream: an error status the exchange turns into its error, or a success with nothing to read.
      return { status: response.status, headers: response.headers, body: await response.text(), url: response.url };
    },
  };
  try {
    await exchange(context.settings, request);
  } catch {
    return { delivered: false };
  }
  if (stream === null) return { delivered: false };
  return read(context, request, stream, signal, handlers);
}

async function read(
  context: ClientContext,
  request: RequestDescription,
  stream: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  handlers: DisputeEventHandlers,
): Promise<{ readonly delivered: boolean }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  let delivered = false;
  const stop = (): void => void reader.cancel().catch(() => undefined);
  let idle = setTimeout(stop, STREAM_IDLE_MS);
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      clearTimeout(idle);
      idle = setTimeout(stop, STREAM_IDLE_MS);
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        if (event.type !== 'dispute') continue;
        const dispute = disputeOf(context, request, event, handlers);
        if (dispute === null) continue;
        delivered = true;
        handlers.onDispute(dispute, event.id);
      }
    }
  } catch {
    // A broken connection ends the stream like a closed one: the watcher polls.
  } finally {
    clearTimeout(idle);
    signal.removeEventListener('abort', stop);
    reader.releaseLock();
  }
  return { delivered };
}

function disputeOf(context: ClientContext, request: RequestDescription, event: StreamEvent, handlers: DisputeEventHandlers): Dispute | null {
  try {
    return decodeAnswer(request, { status: 200, body: event.data }, Dispute, responseAdapter(context, 'disputeEvents'));
  } catch (error) {
    if (!isClientError(error)) throw error;
    handlers.onError(error);
    return null;
  }
}
