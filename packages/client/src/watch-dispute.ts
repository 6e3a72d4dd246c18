import type { Dispute } from '@amicable/protocol';
import { wait, type Sleep } from './cancellation.js';
import type { DisputeEventHandlers } from './dispute-events.js';
import { isClientError, type AnyClientError } from './errors.js';
import { PageVisibility } from './page-visibility.js';

/** How a watch learns of changes: `auto` streams when the backend offers it, `poll` never streams, `events` always tries. */
export type WatchTransport = 'auto' | 'poll' | 'events';

/** What a watch is doing, for a "live" indicator: reading, waiting for the next poll, streaming, paused while the page is hidden, stopped. */
export type WatchState = 'reading' | 'waiting' | 'streaming' | 'paused' | 'stopped';

/** Options of `watchDispute`. */
export interface WatchDisputeOptions {
  /** Called with the dispute when first read, and again whenever it changes. */
  readonly onChange: (dispute: Dispute) => void;
  /**
   * Called when a read fails (after the client's retries), the watch going on and reading less
   * often; and when an event of the stream is not JSON (`malformed`) or not a dispute (`schema`),
   * the stream going on: each event carries the whole dispute, so the next valid one makes up for it.
   */
  readonly onError?: (error: AnyClientError) => void;
  /** Called whenever the watch's state changes. */
  readonly onState?: (state: WatchState) => void;
  /** Stops the watch. */
  readonly signal?: AbortSignal;
  /** The wait between polls after a change, in milliseconds; 5000 by default. */
  readonly intervalMs?: number;
  /** The longest wait between polls: the wait grows by half while nothing changes or reads fail; 60000 by default. */
  readonly maxIntervalMs?: number;
  /**
   * `auto` (the default): stream when `getDispute` answers with a `Link: <…>; rel="events"` on the
   * base URL's origin; `poll`: only poll; `events`: stream from the linked URL, or the contract's
   * events path when none is linked. A link to another origin counts as none: the stream is sent
   * the order's token.
   */
  readonly transport?: WatchTransport;
}

/** A running watch. */
export interface DisputeWatch {
  /** Stops the watch, as aborting its signal does. */
  stop(): void;
  /** Settles once the watch has stopped and let go of everything it held. */
  readonly done: Promise<void>;
}

/** The result of a conditional read of a dispute. */
export type DisputeRead =
  | { readonly status: 'modified'; readonly dispute: Dispute; readonly etag: string | null; readonly events: string | null }
  | { readonly status: 'not-modified'; readonly etag: string | null; readonly events: string | null };

/** What a watch needs from the client. */
export interface WatchDependencies {
  readonly read: (orderId: string, options: { readonly ifNoneMatch?: string; readonly signal: AbortSignal }) => Promise<DisputeRead>;
  readonly stream: (orderId: string, url: string, signal: AbortSignal, handlers: DisputeEventHandlers) => Promise<{ readonly delivered: boolean }>;
  readonly defaultEventsUrl: (orderId: string) => string;
  readonly sleep: Sleep;
}

/** Watches a dispute; see `MediationClient.watchDispute`. */
export function watchDispute(dependencies: WatchDependencies, orderId: string, options: WatchDisputeOptions): DisputeWatch {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  const done = new DisputeWatcher(dependencies, orderId, options, controller.signal)
    .run()
    .finally(() => options.signal?.removeEventListener('abort', stop));
  return { stop, done };
}

class DisputeWatcher {
  readonly #baseInterval: number;
  readonly #maxInterval: number;
  readonly #transport: WatchTransport;
  #interval: number;
  #etag: string | null = null;
  #lastSeen: string | null = null;
  #state: WatchState | null = null;
  /** Cleared once a stream failed without bringing a single dispute: this backend's stream does not work. */
  #streamWorks = true;

  constructor(
    readonly dependencies: WatchDependencies,
    readonly orderId: string,
    readonly options: WatchDisputeOptions,
    readonly signal: AbortSignal,
  ) {
    this.#baseInterval = options.intervalMs ?? 5000;
    this.#maxInterval = Math.max(options.maxIntervalMs ?? 60_000, this.#baseInterval);
    this.#transport = options.transport ?? 'auto';
    this.#interval = this.#baseInterval;
  }

  async run(): Promise<void> {
    const visibility = new PageVisibility();
    try {
      while (!this.signal.aborted) {
        if (visibility.hidden) {
          this.#enter('paused');
          await this.#pause(visibility, Number.POSITIVE_INFINITY);
          continue;
        }
        this.#enter('reading');
        const eventsUrl = await this.#poll();
        if (this.signal.aborted) break;
        if (eventsUrl !== null && this.#streamWorks) {
          this.#enter('streaming');
          await this.#stream(visibility, eventsUrl);
          if (this.signal.aborted || visibility.hidden) continue;
        }
        this.#enter('waiting');
        await this.#pause(visibility, this.#interval);
      }
    } finally {
      visibility.dispose();
      this.#enter('stopped');
    }
  }

  /** One conditional read; gives the event stream's URL when the watch should stream. */
  async #poll(): Promise<string | null> {
    let changed = false;
    let eventsUrl: string | null = null;
    try {
      const read = await this.dependencies.read(this.orderId, {
        signal: this.signal,
        ...(this.#etag === null ? {} : { ifNoneMatch: this.#etag }),
      });
      if (read.status === 'modified') {
        this.#etag = read.etag;
        changed = this.#deliver(read.dispute);
      } else if (read.etag !== null) {
        this.#etag = read.etag;
      }
      if (this.#transport === 'auto') eventsUrl = read.events;
      if (this.#transport === 'events') eventsUrl = read.events ?? this.dependencies.defaultEventsUrl(this.orderId);
    } catch (error) {
      if (!this.signal.aborted) this.#report(error);
    }
    this.#interval = changed ? this.#baseInterval : Math.min(this.#maxInterval, Math.round(this.#interval * 1.5));
    return eventsUrl;
  }

  /** Streams until the stream ends or fails, the page's visibility changes, or the watch stops. */
  async #stream(visibility: PageVisibility, url: string): Promise<void> {
    const change = visibility.untilChange(this.signal);
    try {
      const { delivered } = await this.dependencies.stream(this.orderId, url, change.signal, {
        onDispute: (dispute, id) => {
          this.#etag = id === '' ? null : id;
          if (this.#deliver(dispute)) this.#interval = this.#baseInterval;
        },
        onError: (error) => this.#report(error),
      });
      if (!delivered && !change.signal.aborted) this.#streamWorks = false;
    } finally {
      change.release();
    }
  }

  /** Waits `ms`, or until the page's visibility changes (becoming visible reads at once), or the watch stops. */
  async #pause(visibility: PageVisibility, ms: number): Promise<void> {
    const change = visibility.untilChange(this.signal);
    try {
      if (ms === Number.POSITIVE_INFINITY) {
        await new Promise<void>((resolve) => {
          if (change.signal.aborted) resolve();
          change.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } else {
        await wait(this.dependencies.sleep, ms, change.signal).catch(() => undefined);
      }
    } finally {
      change.release();
    }
  }

  /** Calls `onChange` when the dispute differs from the last one delivered; says whether it did. */
  #deliver(dispute: Dispute): boolean {
    const seen = JSON.stringify(dispute);
    if (seen === this.#lastSeen) return false;
    this.#lastSeen = seen;
    try {
      this.options.onChange(dispute);
    } catch (error) {
      rethrowLater(error);
    }
    return true;
  }

  #report(error: unknown): void {
    if (!isClientError(error)) return rethrowLater(error);
    try {
      this.options.onError?.(error);
    } catch (thrown) {
      rethrowLater(thrown);
    }
  }

  #enter(state: WatchState): void {
    if (state === this.#state) return;
    this.#state = state;
    try {
      this.options.onState?.(state);
    } catch (error) {
      rethrowLater(error);
    }
  }
}

/** A callback's exception must not end the watch; it is reported as uncaught instead. */
function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
