import { expect } from '@open-wc/testing';
import { ProblemType, type Dispute } from '@amicable/protocol';
import { http, HttpResponse } from 'msw';
import {
  BASE,
  ETAG,
  ETAG_2,
  EVENTS_URL,
  escalatedDispute,
  eventStream,
  ORDER_ID,
  pattern,
  problem,
  resolvedDispute,
  sampleDispute,
  script,
  testClient,
  useMockBackend,
  worker,
} from './client.test-support.js';
import { HttpError, SchemaError, type AnyClientError, type ClientOptions, type WatchDisputeOptions, type WatchState } from './index.js';

const changed: () => Response = () => HttpResponse.json(resolvedDispute, { headers: { ETag: ETAG_2 } });
const unchangedSince = (etag: string) => () => new HttpResponse(null, { status: 304, headers: { ETag: etag } });
const withoutLink = (dispute: Dispute, etag = ETAG) => () => HttpResponse.json(dispute, { headers: { ETag: etag } });
const linking = (dispute: Dispute, link: string) => () => HttpResponse.json(dispute, { headers: { ETag: ETAG, Link: link } });

/**
 * Runs a watch until `until` says it has seen enough, and gives back what it did: the disputes
 * delivered, the errors, its states, and the waits it asked for (taken at once).
 */
async function watch(
  options: Partial<WatchDisputeOptions> & {
    readonly until: (log: WatchLog) => boolean;
    readonly client?: Partial<ClientOptions>;
    readonly onWait?: (ms: number, log: WatchLog) => Promise<void> | void;
  },
): Promise<WatchLog> {
  const controller = new AbortController();
  unfinished.add(controller);
  const log: WatchLog = { changes: [], errors: [], states: [], waits: [] };
  const check = () => {
    if (options.until(log)) controller.abort();
  };
  const { client } = testClient({
    retry: { attempts: 1 },
    sleep: async (ms) => {
      log.waits.push(ms);
      check();
      await options.onWait?.(ms, log);
    },
    ...options.client,
  });
  const watching = client.watchDispute(ORDER_ID, {
    ...options,
    signal: controller.signal,
    onChange: (dispute) => {
      log.changes.push(dispute);
      options.onChange?.(dispute);
      check();
    },
    onError: (error) => {
      log.errors.push(error);
      options.onError?.(error);
      check();
    },
    onState: (state) => {
      log.states.push(state);
      options.onState?.(state);
      check();
    },
  });
  await watching.done;
  unfinished.delete(controller);
  return log;
}

/** The watches of this file still running: a test that failed half-way must not leave its watch reading into the next test. */
const unfinished = new Set<AbortController>();

interface WatchLog {
  readonly changes: Dispute[];
  readonly errors: AnyClientError[];
  readonly states: WatchState[];
  readonly waits: number[];
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

const PROBE = `${BASE}/probe`;

/**
 * Shows the page again once a request sent now has been answered by the mock backend: a watch
 * that read while the page was hidden would have sent its read before this one (its waits are
 * taken at once), and the mock would have seen it first. Nothing here waits for a time to pass.
 */
function showAfterRoundTrip(): void {
  void fetch(PROBE, { cache: 'no-store' }).then(() => setVisibility('visible'));
}

describe('watchDispute', () => {
  useMockBackend();
  beforeEach(() => worker.use(http.get(PROBE, () => new HttpResponse(null, { status: 204 }))));
  afterEach(() => {
    for (const controller of unfinished) controller.abort();
    unfinished.clear();
    // Back to the document's own getter.
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  describe('polling', () => {
    it('reads with If-None-Match, waits half as long again after each unchanged read up to the maximum, and from the start after a change', async () => {
      const seen = script('GET', pattern('getDispute'), ['pass', 'pass', 'pass', 'pass', changed, unchangedSince(ETAG_2)]);
      const log = await watch({ transport: 'poll', intervalMs: 1000, maxIntervalMs: 3000, until: ({ waits }) => waits.length === 6 });
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(seen.map((request) => request.ifNoneMatch)).to.deep.equal([null, ETAG, ETAG, ETAG, ETAG, ETAG_2]);
      expect(log.waits).to.deep.equal([1000, 1500, 2250, 3000, 1000, 1500]);
      expect(log.errors).to.deep.equal([]);
    });

    it('tells a failed read to onError, waits longer, and goes on', async () => {
      script('GET', pattern('getDispute'), [() => problem(500, ProblemType.internal, 'Down'), () => problem(500, ProblemType.internal, 'Down'), 'pass']);
      const log = await watch({ transport: 'poll', until: ({ changes }) => changes.length === 1 });
      expect(log.errors).to.have.length(2);
      expect(log.errors[0]).to.be.instanceOf(HttpError).and.include({ status: 500 });
      expect(log.waits).to.deep.equal([7500, 11250]);
      expect(log.changes).to.deep.equal([sampleDispute]);
    });

    it('delivers a dispute only when it differs from the last, even from a backend without ETags', async () => {
      script('GET', pattern('getDispute'), [withoutLink(sampleDispute, ''), withoutLink(sampleDispute, ''), withoutLink(escalatedDispute, '')]);
      const log = await watch({ transport: 'poll', until: ({ changes }) => changes.length === 2 });
      expect(log.changes).to.deep.equal([sampleDispute, escalatedDispute]);
      expect(log.waits).to.deep.equal([5000, 7500]);
    });

    it('never opens the event stream with transport poll', async () => {
      const events = script('GET', EVENTS_URL, [() => eventStream([{ data: resolvedDispute }])]);
      const reads = script('GET', pattern('getDispute'), ['pass']);
      const log = await watch({ transport: 'poll', until: ({ waits }) => waits.length === 3 });
      expect(reads).to.have.length(3);
      expect(events).to.have.length(0);
      expect(log.states).to.not.include('streaming');
    });

    it('does not start when its signal has already aborted', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass']);
      const { client } = testClient();
      const states: WatchState[] = [];
      await client.watchDispute(ORDER_ID, { onChange: () => undefined, onState: (state) => states.push(state), signal: AbortSignal.abort() }).done;
      expect(reads).to.have.length(0);
      expect(states).to.deep.equal(['stopped']);
    });

    it('stops with stop()', async () => {
      const { client } = testClient({ sleep: () => new Promise<void>(() => undefined) });
      const states: WatchState[] = [];
      const running = client.watchDispute(ORDER_ID, {
        transport: 'poll',
        onChange: () => running.stop(),
        onState: (state) => states.push(state),
      });
      await running.done;
      expect(states.at(-1)).to.equal('stopped');
    });
  });

  describe('page visibility', () => {
    it('neither reads nor waits while the page is hidden, and reads at once when it is shown', async () => {
      // The page's visibility at each read.
      const seen: DocumentVisibilityState[] = [];
      worker.use(
        http.get(pattern('getDispute'), () => {
          seen.push(document.visibilityState);
        }),
      );
      let paused = false;
      const log = await watch({
        transport: 'poll',
        until: ({ states }) => seen.length === 2 && states.at(-1) === 'waiting',
        onWait: (_ms, { waits }) => {
          if (waits.length === 1) setVisibility('hidden');
        },
        onState: (state) => {
          if (state !== 'paused' || paused) return;
          paused = true;
          showAfterRoundTrip();
        },
      });
      expect(seen).to.deep.equal(['visible', 'visible']);
      expect(log.waits, 'no wait between the page being shown and the read').to.deep.equal([5000]);
      expect(log.states).to.deep.equal(['reading', 'waiting', 'paused', 'reading', 'waiting', 'stopped']);
    });

    it('starts paused on a hidden page', async () => {
      setVisibility('hidden');
      const seen: DocumentVisibilityState[] = [];
      worker.use(
        http.get(pattern('getDispute'), () => {
          seen.push(document.visibilityState);
        }),
      );
      const log = await watch({
        transport: 'poll',
        until: ({ changes }) => changes.length === 1,
        onState: (state) => {
          if (state === 'paused') showAfterRoundTrip();
        },
      });
      expect(log.states.slice(0, 2)).to.deep.equal(['paused', 'reading']);
      expect(seen).to.deep.equal(['visible']);
    });
  });

  describe('event stream', () => {
    it('streams when the backend links the stream, delivering each change without polling', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass']);
      const events = script('GET', EVENTS_URL, [
        () => eventStream([{ id: ETAG, data: sampleDispute }, { id: ETAG_2, data: resolvedDispute }]),
      ]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(reads).to.have.length(1);
      expect(events).to.have.length(1);
      expect(events[0]?.authorization).to.equal(`Bearer ${ORDER_ID}:1`);
      expect(log.states).to.deep.equal(['reading', 'streaming', 'stopped']);
    });

    it('never follows a link to another origin, and polls instead: the token is not sent there', async () => {
      const elsewhere: (string | null)[] = [];
      worker.use(
        http.get('https://elsewhere.test/*', ({ request }) => {
          elsewhere.push(request.headers.get('Authorization'));
          return eventStream([{ data: resolvedDispute }]);
        }),
      );
      const link = `<https://elsewhere.test/orders/${ORDER_ID}/dispute/events>; rel="events"`;
      const reads = script('GET', pattern('getDispute'), [linking(sampleDispute, link), () => HttpResponse.json(resolvedDispute, { headers: { ETag: ETAG_2, Link: link } })]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(elsewhere).to.deep.equal([]);
      expect(reads).to.have.length(2);
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(log.states).to.deep.equal(['reading', 'waiting', 'reading', 'stopped']);
    });

    it('follows a relative link, which is on the backend\'s origin', async () => {
      script('GET', pattern('getDispute'), [linking(sampleDispute, `<${new URL(EVENTS_URL).pathname}>; rel="events"`)]);
      const events = script('GET', EVENTS_URL, [() => eventStream([{ id: ETAG_2, data: resolvedDispute }])]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(events.map((request) => request.authorization)).to.deep.equal([`Bearer ${ORDER_ID}:1`]);
      expect(log.states).to.deep.equal(['reading', 'streaming', 'stopped']);
    });

    it('with transport events, streams from the contract\'s path when the link points to another origin', async () => {
      worker.use(http.get('https://elsewhere.test/*', () => HttpResponse.error()));
      script('GET', pattern('getDispute'), [linking(sampleDispute, '<https://elsewhere.test/events>; rel="events"')]);
      const events = script('GET', `${BASE}/orders/:orderId/dispute/events`, [() => eventStream([{ id: ETAG_2, data: resolvedDispute }])]);
      const log = await watch({ transport: 'events', until: ({ changes }) => changes.length === 2 });
      expect(events.map((request) => request.url)).to.deep.equal([EVENTS_URL]);
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
    });

    it('reports an event that is not a dispute and keeps streaming', async () => {
      script('GET', EVENTS_URL, [
        () =>
          eventStream([
            { id: ETAG, data: { ...sampleDispute, status: 'lost' } },
            { id: 'x', data: 'not json' },
            { event: 'ping', data: 'ignored' },
            { id: ETAG_2, data: resolvedDispute },
          ]),
      ]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(log.errors.map((error) => error.kind)).to.deep.equal(['schema', 'malformed']);
      expect((log.errors[0] as SchemaError).faults.map((fault) => fault.path)).to.include('$.status');
      expect(log.errors[0]?.operation).to.equal('disputeEvents');
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
    });

    it('falls back to polling for good when the stream fails without delivering', async () => {
      const events = script('GET', EVENTS_URL, [() => problem(503, ProblemType.unavailable, 'No streams here')]);
      script('GET', pattern('getDispute'), ['pass', 'pass', changed]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(events).to.have.length(1);
      expect(log.states, 'no second stream after the second read').to.deep.equal(['reading', 'streaming', 'waiting', 'reading', 'waiting', 'reading', 'stopped']);
      expect(log.errors, 'the fallback is silent').to.deep.equal([]);
    });

    it('polls when the stream is not an event stream', async () => {
      const events = script('GET', EVENTS_URL, [() => HttpResponse.json(resolvedDispute)]);
      script('GET', pattern('getDispute'), ['pass', changed]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(events).to.have.length(1);
    });

    it('polls after a stream that ended, then opens it again', async () => {
      const events = script('GET', EVENTS_URL, [
        () => eventStream([{ id: ETAG, data: sampleDispute }], true),
        () => eventStream([{ id: ETAG_2, data: resolvedDispute }]),
      ]);
      const reads = script('GET', pattern('getDispute'), ['pass']);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(events).to.have.length(2);
      expect(reads.map((request) => request.ifNoneMatch)).to.deep.equal([null, ETAG]);
      expect(log.states).to.deep.equal(['reading', 'streaming', 'waiting', 'reading', 'streaming', 'stopped']);
    });

    it('with transport events, streams from the contract\'s path when no stream is linked', async () => {
      script('GET', pattern('getDispute'), [withoutLink(sampleDispute)]);
      const events = script('GET', `${BASE}/orders/:orderId/dispute/events`, [() => eventStream([{ id: ETAG_2, data: resolvedDispute }])]);
      const log = await watch({ transport: 'events', until: ({ changes }) => changes.length === 2 });
      expect(events.map((request) => request.url)).to.deep.equal([EVENTS_URL]);
      expect(log.changes).to.deep.equal([sampleDispute, resolvedDispute]);
    });

    it('with transport auto, polls when no stream is linked', async () => {
      const events = script('GET', EVENTS_URL, [() => eventStream([{ data: resolvedDispute }])]);
      script('GET', pattern('getDispute'), [withoutLink(sampleDispute), unchangedSince(ETAG), changed]);
      const log = await watch({ until: ({ changes }) => changes.length === 2 });
      expect(events).to.have.length(0);
      expect(log.states).to.not.include('streaming');
    });

    it('closes the stream while the page is hidden, and reads and streams again when it is shown', async () => {
      const seen: DocumentVisibilityState[] = [];
      const events = script('GET', EVENTS_URL, [
        () => {
          seen.push(document.visibilityState);
          return eventStream([{ id: ETAG, data: escalatedDispute }]);
        },
        () => {
          seen.push(document.visibilityState);
          return eventStream([{ id: ETAG_2, data: resolvedDispute }]);
        },
      ]);
      const log = await watch({
        until: ({ changes }) => changes.length === 3,
        // The page goes while the stream is open, right after it delivered a change.
        onChange: (dispute) => {
          if (dispute.status === 'escalated') setVisibility('hidden');
        },
        onState: (state) => {
          if (state === 'paused') showAfterRoundTrip();
        },
      });
      expect(log.changes).to.deep.equal([sampleDispute, escalatedDispute, resolvedDispute]);
      expect(events).to.have.length(2);
      expect(seen).to.deep.equal(['visible', 'visible']);
      expect(log.states).to.deep.equal(['reading', 'streaming', 'paused', 'reading', 'streaming', 'stopped']);
    });
  });
});
