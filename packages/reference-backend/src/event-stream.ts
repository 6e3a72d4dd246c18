import { utf8 } from './base64url.js';
import type { DisputeChange, DisputeEvents } from './event-hub.js';
import type { Reply } from './reply.js';

/** How often a comment line keeps idle connections (and the proxies between) open. */
export const KEEP_ALIVE_MS = 15_000;

function eventOf(change: DisputeChange): Uint8Array {
  return utf8(`event: dispute\nid: ${change.etag}\ndata: ${change.body}\n\n`);
}

/** The longest delay a timer takes (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A `text/event-stream` reply: `first` (the dispute as it stands), then one event per change of
 * the order's dispute, and `: keep-alive` every 15 s. It ends when `signal` aborts, the reader
 * cancels, or after `closeAfterMs`: the caller's token expires then, and a stream must not outlive
 * the right to read it (the client reconnects with a fresh token). An event whose ETag is the last
 * one sent is skipped.
 */
export function eventStreamReply(
  first: DisputeChange,
  events: DisputeEvents,
  signal: AbortSignal,
  keepAliveMs = KEEP_ALIVE_MS,
  closeAfterMs = Number.POSITIVE_INFINITY,
): Reply {
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastEtag = first.etag;
      controller.enqueue(eventOf(first));
      const unsubscribe = events.subscribe(first.orderId, (change) => {
        if (change.etag === lastEtag) return;
        lastEtag = change.etag;
        controller.enqueue(eventOf(change));
      });
      const timer = setInterval(() => controller.enqueue(utf8(': keep-alive\n\n')), keepAliveMs);
      const expiry = Number.isFinite(closeAfterMs) ? setTimeout(() => onAbort(), Math.min(Math.max(closeAfterMs, 0), MAX_TIMER_MS)) : undefined;
      let stopped = false;
      stop = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        clearTimeout(expiry);
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        stop();
        controller.close();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort);
    },
    cancel() {
      stop();
    },
  });
  return {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
    body,
  };
}
