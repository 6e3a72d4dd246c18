/**
 * The fault matrix: every method of the client against every way a backend or the network can
 * fail, each ending in the right typed error or in the retried success. POSTs send one
 * Idempotency-Key however often they are tried, so a backend acts on each call once.
 */
import { expect } from '@open-wc/testing';
import { ProblemType, type Dispute } from '@amicable/protocol';
import { delay, HttpResponse } from 'msw';
import {
  escalatedDispute,
  ETAG,
  ETAG_2,
  EVENTS_PATTERN,
  eventStream,
  eventsUrlFor,
  freshOrderId,
  pattern,
  pngFile,
  problem,
  rejectionOf,
  resolvedDispute,
  sampleContext,
  sampleDispute,
  samplePhoto,
  script,
  TEST_RETRY,
  testClient,
  UPLOAD_PATTERN,
  useMockBackend,
  type Step,
} from './client.test-support.js';
import {
  ConflictError,
  HttpError,
  MalformedResponseError,
  NetworkError,
  SchemaError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
  type AnyClientError,
  type ClientOperation,
  type ClientOptions,
  type MediationClient,
  type TokenRequest,
  type WatchState,
  type WatchTransport,
} from './index.js';

/** One client method as the matrix drives it. */
interface Target {
  /** How the method is called, for the test titles. */
  readonly title: string;
  /** What its errors name as their operation. */
  readonly operation: ClientOperation;
  /** The request the faults are injected into. */
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  /** Whether it sends the order's token (the pre-signed PUT does not). */
  readonly authorized: boolean;
  readonly call: (client: MediationClient, orderId: string) => Promise<unknown>;
  /** The value the call resolves with when the backend answers as it should. */
  readonly expected: (orderId: string) => unknown;
  readonly successStatus: number;
  /** A JSON body of the right status that breaks the result's schema, and the path it breaks at. */
  readonly broken: { readonly body: Record<string, unknown>; readonly path: string };
  readonly options?: Partial<ClientOptions>;
  /** What the timeout test adds, when a request before the faulty one must not time out, however slow the machine. */
  readonly timeoutOptions?: Partial<ClientOptions>;
}

const withoutStatus = ({ status: _status, ...rest }: Dispute): Record<string, unknown> => rest;

const targets: readonly Target[] = [
  {
    title: 'getContext',
    operation: 'getContext',
    method: 'GET',
    url: pattern('getContext'),
    authorized: true,
    call: (client, orderId) => client.getContext(orderId),
    expected: () => sampleContext,
    successStatus: 200,
    broken: { body: { ...sampleContext, price: { amount: 49.99, currency: 'EUR' } }, path: '$.price.amount' },
  },
  {
    title: 'openDispute',
    operation: 'openDispute',
    method: 'POST',
    url: pattern('openDispute'),
    authorized: true,
    call: (client, orderId) =>
      client.openDispute(orderId, {
        orderId,
        treeId: sampleDispute.treeId,
        treeVersion: sampleDispute.treeVersion,
        path: sampleDispute.path,
        outcomeId: sampleDispute.outcomeId,
        description: sampleDispute.description,
        photoIds: [],
        proposals: sampleDispute.proposals.map((proposal) => proposal.resolution),
      }),
    expected: () => sampleDispute,
    successStatus: 201,
    broken: { body: withoutStatus(sampleDispute), path: '$.status' },
  },
  {
    title: 'getDispute',
    operation: 'getDispute',
    method: 'GET',
    url: pattern('getDispute'),
    authorized: true,
    call: (client, orderId) => client.getDispute(orderId),
    expected: () => sampleDispute,
    successStatus: 200,
    broken: { body: { ...sampleDispute, proposals: [{ id: 'proposal-1', resolution: { type: 'store_credit' } }] }, path: '$.proposals[0].resolution.type' },
  },
  {
    title: 'readDispute',
    operation: 'getDispute',
    method: 'GET',
    url: pattern('getDispute'),
    authorized: true,
    call: (client, orderId) => client.readDispute(orderId),
    expected: (orderId) => ({ status: 'modified', dispute: sampleDispute, etag: ETAG, events: eventsUrlFor(orderId) }),
    successStatus: 200,
    broken: { body: { ...sampleDispute, createdAt: 'yesterday' }, path: '$.createdAt' },
  },
  {
    title: 'requestPhotoUpload',
    operation: 'requestPhotoUpload',
    method: 'POST',
    url: pattern('requestPhotoUpload'),
    authorized: true,
    call: (client, orderId) => client.requestPhotoUpload(orderId, { contentType: 'image/png', bytes: 24 }),
    expected: (orderId) => ({
      photoId: 'photo-1',
      method: 'PUT',
      url: `https://uploads.test/bucket/${orderId}/photo-1?exp=1795000000&sig=dXBsb2Fk`,
      headers: { 'Content-Type': 'image/png' },
      expiresAt: '2026-11-26T09:15:00Z',
    }),
    successStatus: 201,
    broken: { body: { photoId: 'photo-1', method: 'POST', url: 'https://uploads.test/x', headers: {}, expiresAt: '2026-11-26T09:15:00Z' }, path: '$.method' },
  },
  {
    title: 'uploadPhoto (multipart, XMLHttpRequest)',
    operation: 'uploadPhoto',
    method: 'POST',
    url: pattern('uploadPhoto'),
    authorized: true,
    call: (client, orderId) => client.uploadPhoto(orderId, pngFile()),
    expected: () => samplePhoto,
    successStatus: 201,
    broken: { body: { ...samplePhoto, contentType: 'image/gif' }, path: '$.contentType' },
  },
  {
    title: 'uploadPhoto (multipart, fetch)',
    operation: 'uploadPhoto',
    method: 'POST',
    url: pattern('uploadPhoto'),
    authorized: true,
    call: (client, orderId) => client.uploadPhoto(orderId, pngFile()),
    expected: () => samplePhoto,
    successStatus: 201,
    broken: { body: { ...samplePhoto, width: 0 }, path: '$.width' },
    options: { xhr: null },
  },
  {
    title: 'uploadPhoto (pre-signed PUT)',
    operation: 'uploadTarget',
    method: 'PUT',
    url: UPLOAD_PATTERN,
    authorized: false,
    call: (client, orderId) => client.uploadPhoto(orderId, pngFile(), { via: 'presigned' }),
    // The ticket must come back before the PUT can time out: its request ignores the timer.
    timeoutOptions: { fetch: (input, init) => fetch(input, init.method === 'POST' ? { ...init, signal: null } : init) },
    expected: () => samplePhoto,
    successStatus: 200,
    broken: { body: { ...samplePhoto, url: '' }, path: '$.url' },
  },
  {
    title: 'respond',
    operation: 'respond',
    method: 'POST',
    url: pattern('respond'),
    authorized: true,
    call: (client, orderId) => client.respond(orderId, { kind: 'accept', proposalId: 'proposal-1' }),
    expected: () => resolvedDispute,
    successStatus: 200,
    broken: { body: { ...resolvedDispute, settlement: { ...resolvedDispute.settlement, payout: { amount: 1, currency: 'EUR' } } }, path: '$.settlement' },
  },
  {
    title: 'answerCounter',
    operation: 'answerCounter',
    method: 'POST',
    url: pattern('answerCounter'),
    authorized: true,
    call: (client, orderId) => client.answerCounter(orderId, { answer: 'accept' }),
    expected: () => resolvedDispute,
    successStatus: 200,
    broken: { body: { ...resolvedDispute, timeline: [{ at: '2026-11-26 09:00', actor: 'buyer', type: 'opened' }] }, path: '$.timeline[0].at' },
  },
  {
    title: 'withdraw',
    operation: 'withdraw',
    method: 'POST',
    url: pattern('withdraw'),
    authorized: true,
    call: (client, orderId) => client.withdraw(orderId),
    expected: () => ({ ...sampleDispute, status: 'withdrawn', idle: { waitingFor: null, at: null, then: 'none' } }),
    successStatus: 200,
    broken: { body: { ...sampleDispute, status: 'cancelled' }, path: '$.status' },
  },
  {
    title: 'escalate',
    operation: 'escalate',
    method: 'POST',
    url: pattern('escalate'),
    authorized: true,
    call: (client, orderId) => client.escalate(orderId, { reason: 'The seller does not answer my messages.' }),
    expected: () => escalatedDispute,
    successStatus: 200,
    broken: { body: { ...escalatedDispute, escalation: { ...escalatedDispute.escalation, cause: 'bored' } }, path: '$.escalation.cause' },
  },
  {
    title: 'decide',
    operation: 'decide',
    method: 'POST',
    url: pattern('decide'),
    authorized: true,
    call: (client, orderId) => client.decide(orderId, { resolution: { type: 'full_refund' }, note: 'Tracking confirms it was lost.' }),
    expected: () => resolvedDispute,
    successStatus: 200,
    broken: { body: { ...resolvedDispute, price: { amount: 4999, currency: 'euro' } }, path: '$.price.currency' },
  },
  {
    title: 'retrySettlement',
    operation: 'retrySettlement',
    method: 'POST',
    url: pattern('retrySettlement'),
    authorized: true,
    call: (client, orderId) => client.retrySettlement(orderId),
    expected: () => resolvedDispute,
    successStatus: 200,
    broken: { body: { ...resolvedDispute, photos: [{ ...samplePhoto, bytes: -1 }] }, path: '$.photos[0].bytes' },
  },
  {
    title: 'rate',
    operation: 'rate',
    method: 'POST',
    url: pattern('rate'),
    authorized: true,
    call: (client, orderId) => client.rate(orderId, { score: 5 }),
    expected: () => ({ ...resolvedDispute, ratings: [{ role: 'buyer', score: 5 }] }),
    successStatus: 200,
    broken: { body: { ...resolvedDispute, ratings: [{ role: 'buyer', score: 6 }] }, path: '$.ratings[0].score' },
  },
];

const networkFailure: Step = () => HttpResponse.error();
const noAnswer: Step = async () => {
  await delay('infinite');
  return HttpResponse.error();
};
const internalError: Step = () => problem(500, ProblemType.internal, 'Internal server error');
const keyInFlight: Step = () =>
  problem(409, ProblemType.idempotencyKeyInFlight, 'A request with this Idempotency-Key is still being handled', {}, { 'Retry-After': '1' });
const unauthorized: Step = () => problem(401, ProblemType.unauthorized, 'Unauthorized', { detail: 'The token has expired' });

/** The keys the backend saw: for a POST exactly one, the same on every try; none on a GET or the pre-signed PUT. */
function expectOneKey(target: Target, seen: readonly { readonly idempotencyKey: string | null }[]): void {
  const keys = new Set(seen.map((request) => request.idempotencyKey));
  if (target.method === 'POST') {
    expect(keys.size, 'distinct Idempotency-Keys').to.equal(1);
    expect([...keys][0]).to.be.a('string').and.not.equal('');
  } else {
    expect([...keys]).to.deep.equal([null]);
  }
}

describe('client fault matrix', () => {
  useMockBackend();

  for (const target of targets) {
    describe(target.title, () => {
      const client = (options: Partial<ClientOptions> = {}) => testClient({ ...target.options, ...options });
      // A new order for every test: a timed-out request still on its way never meets the next test's script.
      let orderId = '';
      beforeEach(() => {
        orderId = freshOrderId();
      });

      it('resolves with the validated result when the backend answers as it should', async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, ['pass'], { orderId });
        expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
        expect(seen).to.have.length(1);
        if (target.authorized) expect(seen[0]?.authorization).to.equal(`Bearer ${orderId}:1`);
        else expect(seen[0]?.authorization).to.equal(null);
      });

      it('retries a network failure and resolves with the next answer, under the same key', async () => {
        const { client: c, sleeps } = client();
        const seen = script(target.method, target.url, [networkFailure, 'pass'], { orderId });
        expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
        expect(seen).to.have.length(2);
        expect(sleeps).to.deep.equal([50]);
        expectOneKey(target, seen);
      });

      it('rejects with a network error once every attempt failed on the network', async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, [networkFailure], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(NetworkError);
        expect(error).to.include({ kind: 'network', code: 'network', operation: target.operation });
        expect(seen).to.have.length(TEST_RETRY.attempts);
        expectOneKey(target, seen);
      });

      it('rejects with a timeout when no answer comes within timeoutMs, after retrying', async () => {
        const timeoutMs = 100;
        const { client: c, sent, sleeps } = client({ ...target.timeoutOptions, timeoutMs, retry: { ...TEST_RETRY, attempts: 2 } });
        script(target.method, target.url, [noAnswer], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(TimeoutError);
        expect(error).to.include({ kind: 'timeout', timeoutMs, operation: target.operation });
        // Counted as sent: a try may time out before the mock has even seen it.
        const tries = sent.filter((request) => request.method === target.method);
        expect(tries).to.have.length(2);
        expect(sleeps).to.deep.equal([50]);
        expectOneKey(target, tries);
      });

      it('retries a 500 and resolves with the retry\'s answer, under the same key', async () => {
        const { client: c, sleeps } = client();
        const seen = script(target.method, target.url, [internalError, 'pass'], { orderId });
        expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
        expect(seen).to.have.length(2);
        expect(sleeps, 'half of the first backoff ceiling').to.deep.equal([50]);
        expectOneKey(target, seen);
      });

      it('rejects with the 500 once the attempts run out, after exponentially growing waits', async () => {
        const { client: c, sleeps } = client();
        const seen = script(target.method, target.url, [internalError], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(HttpError);
        expect(error).to.include({ kind: 'http', status: 500, code: ProblemType.internal });
        expect(seen).to.have.length(TEST_RETRY.attempts);
        expect(sleeps).to.deep.equal([50, 100]);
        expectOneKey(target, seen);
      });

      it('waits as long as a 503\'s Retry-After says, then resolves', async () => {
        const { client: c, sleeps } = client();
        const seen = script(target.method, target.url, [
          () => problem(503, ProblemType.unavailable, 'Service unavailable', {}, { 'Retry-After': '2' }),
          'pass',
        ], { orderId });
        expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
        expect(sleeps).to.deep.equal([2000]);
        expectOneKey(target, seen);
      });

      it('gives up at once on a 429 whose Retry-After exceeds maxRetryAfterMs', async () => {
        const { client: c, sleeps } = client();
        const seen = script(target.method, target.url, [() => problem(429, ProblemType.rateLimited, 'Too many requests', {}, { 'Retry-After': '60' })], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(HttpError);
        expect(error).to.include({ status: 429, retryAfterMs: 60_000, code: ProblemType.rateLimited });
        expect(seen).to.have.length(1);
        expect(sleeps).to.deep.equal([]);
      });

      if (target.authorized) {
        it('after a 401 asks getToken for a fresh token once and resolves with the repeated request', async () => {
          const { client: c, tokenRequests } = client();
          const seen = script(target.method, target.url, [unauthorized, 'pass'], { orderId });
          expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
          expect(tokenRequests).to.deep.equal([{ orderId: orderId, refresh: false }, { orderId: orderId, refresh: true }]);
          expect(seen.map((request) => request.authorization)).to.deep.equal([`Bearer ${orderId}:1`, `Bearer ${orderId}:2`]);
          expectOneKey(target, seen);
        });

        it('rejects with unauthorized when the fresh token is refused too', async () => {
          const { client: c, tokenRequests } = client();
          const seen = script(target.method, target.url, [unauthorized], { orderId });
          const error = await rejectionOf(target.call(c, orderId));
          expect(error).to.be.instanceOf(UnauthorizedError);
          expect(error).to.include({ kind: 'unauthorized', status: 401, code: ProblemType.unauthorized });
          expect(tokenRequests.filter((request) => request.refresh)).to.have.length(1);
          expect(seen).to.have.length(2);
          expectOneKey(target, seen);
        });
      }

      if (target.method === 'POST') {
        it('retries a 409 idempotency-key-in-flight after its Retry-After, under the same key, and resolves with the replayed answer', async () => {
          const { client: c, sleeps } = client();
          const seen = script(target.method, target.url, [keyInFlight, 'pass'], { orderId });
          expect(await target.call(c, orderId)).to.deep.equal(target.expected(orderId));
          expect(seen).to.have.length(2);
          expect(sleeps).to.deep.equal([1000]);
          expectOneKey(target, seen);
        });

        it('rejects with the in-flight conflict once the attempts run out', async () => {
          const { client: c, sleeps } = client();
          const seen = script(target.method, target.url, [keyInFlight], { orderId });
          const error = await rejectionOf(target.call(c, orderId));
          expect(error).to.be.instanceOf(ConflictError);
          expect(error).to.include({ kind: 'conflict', status: 409, code: ProblemType.idempotencyKeyInFlight, retryAfterMs: 1000, dispute: null });
          expect(seen).to.have.length(TEST_RETRY.attempts);
          expect(sleeps).to.deep.equal([1000, 1000]);
          expectOneKey(target, seen);
        });
      }

      it('rejects any other 409 with a conflict carrying the dispute\'s current state, without retrying', async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, [
          () => problem(409, ProblemType.invalidState, 'The dispute does not accept this now', { dispute: escalatedDispute }),
        ], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(ConflictError);
        expect(error).to.include({ kind: 'conflict', status: 409, code: ProblemType.invalidState });
        expect((error as ConflictError).dispute).to.deep.equal(escalatedDispute);
        expect(seen).to.have.length(1);
      });

      it('rejects a 413 with an http error carrying the problem, without retrying', async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, [
          () => problem(413, ProblemType.payloadTooLarge, 'Payload too large', { detail: 'The photo is above 10 MiB' }),
        ], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(HttpError);
        expect(error).to.include({ kind: 'http', status: 413, code: ProblemType.payloadTooLarge, retryAfterMs: null });
        expect((error as HttpError).problem?.detail).to.equal('The photo is above 10 MiB');
        expect(seen).to.have.length(1);
      });

      it('rejects a 422 with a validation error carrying the field errors, without retrying', async () => {
        const { client: c } = client();
        const errors = [{ path: '$.proposals[0].amount.amount', message: 'must be at most 4999', code: 'out_of_bounds' }];
        const seen = script(target.method, target.url, [() => problem(422, ProblemType.outOfBounds, 'Out of bounds', { errors })], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(ValidationError);
        expect(error).to.include({ kind: 'validation', status: 422, code: ProblemType.outOfBounds });
        expect((error as ValidationError).errors).to.deep.equal(errors);
        expect(seen).to.have.length(1);
      });

      it('rejects a success whose body is not JSON as malformed, without retrying', async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, [
          () => new HttpResponse('{"id": "dispute-1",', { status: target.successStatus, headers: { 'Content-Type': 'application/json' } }),
        ], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(MalformedResponseError);
        expect(error).to.include({ kind: 'malformed', status: target.successStatus });
        expect(seen).to.have.length(1);
      });

      it(`rejects a body that breaks the schema with a schema error naming ${target.broken.path}`, async () => {
        const { client: c } = client();
        const seen = script(target.method, target.url, [() => HttpResponse.json(target.broken.body, { status: target.successStatus })], { orderId });
        const error = await rejectionOf(target.call(c, orderId));
        expect(error).to.be.instanceOf(SchemaError);
        expect((error as SchemaError).faults.map((fault) => fault.path)).to.include(target.broken.path);
        expect((error as SchemaError).message).to.include(target.broken.path);
        expect(seen).to.have.length(1);
      });
    });
  }

  /** What a watch did: the disputes it delivered, its errors and states, every wait it asked for (taken at once), and its token requests. */
  interface WatchRun {
    readonly changes: Dispute[];
    readonly errors: AnyClientError[];
    readonly states: WatchState[];
    readonly waits: number[];
    readonly tokenRequests: TokenRequest[];
  }

  /** Watches `orderId` with a test client until `until` says it has seen enough. */
  async function runWatch(
    orderId: string,
    until: (run: WatchRun) => boolean,
    options: { readonly transport?: WatchTransport; readonly client?: Partial<ClientOptions> } = {},
  ): Promise<WatchRun> {
    const controller = new AbortController();
    watches.add(controller);
    const tokenRequests: TokenRequest[] = [];
    const run: WatchRun = { changes: [], errors: [], states: [], waits: [], tokenRequests };
    const check = (): void => {
      if (until(run)) controller.abort();
    };
    const { client, tokenRequests: asked } = testClient({
      ...options.client,
      sleep: async (ms) => {
        run.waits.push(ms);
        check();
      },
    });
    const watch = client.watchDispute(orderId, {
      transport: options.transport ?? 'auto',
      signal: controller.signal,
      onChange: (dispute) => {
        run.changes.push(dispute);
        check();
      },
      onError: (error) => {
        run.errors.push(error);
        check();
      },
      onState: (state) => {
        run.states.push(state);
        check();
      },
    });
    await watch.done;
    watches.delete(controller);
    tokenRequests.push(...asked);
    return run;
  }

  /** The watches still running: a test that failed half-way must not leave its watch reading into the next test. */
  const watches = new Set<AbortController>();
  afterEach(() => {
    for (const controller of watches) controller.abort();
    watches.clear();
  });

  const bothDelivered = ({ changes }: WatchRun): boolean => changes.length === 2;
  const changed: Step = () => HttpResponse.json(resolvedDispute, { headers: { ETag: ETAG_2 } });

  describe('watchDispute', () => {
    let orderId = '';
    beforeEach(() => {
      orderId = freshOrderId();
    });

    it('reads, then streams with the order\'s token, delivering each change', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, ['pass'], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(reads).to.have.length(1);
      expect(events.map((request) => request.authorization)).to.deep.equal([`Bearer ${orderId}:1`]);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'stopped']);
      expect(run.errors).to.deep.equal([]);
    });

    it('after a 401 opening the stream, asks getToken for a fresh token once and streams with it', async () => {
      script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [unauthorized, 'pass'], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(run.tokenRequests).to.deep.equal([{ orderId, refresh: false }, { orderId, refresh: true }]);
      expect(events.map((request) => request.authorization)).to.deep.equal([`Bearer ${orderId}:1`, `Bearer ${orderId}:2`]);
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'stopped']);
      expect(run.errors).to.deep.equal([]);
    });

    it('when the stream refuses the fresh token too, polls with it instead, silently', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass', changed], { orderId });
      const events = script('GET', EVENTS_PATTERN, [unauthorized], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(events).to.have.length(2);
      expect(run.tokenRequests.filter((request) => request.refresh)).to.have.length(1);
      expect(reads.map((request) => request.authorization)).to.deep.equal([`Bearer ${orderId}:1`, `Bearer ${orderId}:2`]);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'waiting', 'reading', 'stopped']);
      expect(run.errors, 'the poll reports its own errors').to.deep.equal([]);
    });

    it('retries a stream that answers 500, and streams once it works', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [internalError, 'pass'], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(events).to.have.length(2);
      expect(run.waits, 'the backoff, no poll').to.deep.equal([50]);
      expect(reads).to.have.length(1);
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'stopped']);
    });

    it('retries a network failure opening the stream', async () => {
      script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [networkFailure, 'pass'], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(events).to.have.length(2);
      expect(run.waits).to.deep.equal([50]);
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
    });

    it('waits as long as the stream\'s 503 Retry-After says, then streams', async () => {
      script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [() => problem(503, ProblemType.unavailable, 'Busy', {}, { 'Retry-After': '2' }), 'pass'], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(events).to.have.length(2);
      expect(run.waits).to.deep.equal([2000]);
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
    });

    it('polls for good, silently, when the stream answers 500 on every try', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass', 'pass', changed], { orderId });
      const events = script('GET', EVENTS_PATTERN, [internalError], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(events).to.have.length(TEST_RETRY.attempts);
      expect(reads).to.have.length(3);
      expect(run.waits, 'two backoffs, then polls after a change and after none').to.deep.equal([50, 100, 5000, 7500]);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'waiting', 'reading', 'waiting', 'reading', 'stopped']);
      expect(run.errors).to.deep.equal([]);
    });

    it('after a 401 to a poll, asks getToken for a fresh token once and reads with it', async () => {
      const reads = script('GET', pattern('getDispute'), [unauthorized, 'pass'], { orderId });
      const run = await runWatch(orderId, ({ changes }) => changes.length === 1, { transport: 'poll' });
      expect(run.tokenRequests).to.deep.equal([{ orderId, refresh: false }, { orderId, refresh: true }]);
      expect(reads.map((request) => request.authorization)).to.deep.equal([`Bearer ${orderId}:1`, `Bearer ${orderId}:2`]);
      expect(run.changes).to.deep.equal([sampleDispute]);
      expect(run.errors).to.deep.equal([]);
    });

    it('reports a poll that answers 500 on every try to onError, and polls again, less often', async () => {
      script('GET', pattern('getDispute'), [internalError, internalError, internalError, 'pass'], { orderId });
      const run = await runWatch(orderId, ({ changes }) => changes.length === 1, { transport: 'poll' });
      expect(run.errors).to.have.length(1);
      expect(run.errors[0]).to.be.instanceOf(HttpError).and.include({ status: 500, code: ProblemType.internal, operation: 'getDispute' });
      expect(run.waits, 'two backoffs, then half as long again as the interval').to.deep.equal([50, 100, 7500]);
      expect(run.changes).to.deep.equal([sampleDispute]);
    });

    it('reports a poll that times out to onError as a timeout, and polls again, less often', async () => {
      script('GET', pattern('getDispute'), [noAnswer], { orderId });
      const run = await runWatch(orderId, ({ errors, waits }) => errors.length === 1 && waits.at(-1) === 7500, {
        transport: 'poll',
        client: { timeoutMs: 100, retry: { ...TEST_RETRY, attempts: 2 } },
      });
      expect(run.errors).to.have.length(1);
      expect(run.errors[0]).to.be.instanceOf(TimeoutError).and.include({ kind: 'timeout', timeoutMs: 100, operation: 'getDispute' });
      expect(run.waits).to.deep.equal([50, 7500]);
      expect(run.states).to.deep.equal(['reading', 'waiting', 'stopped']);
    });

    it('reports an event whose data is not JSON to onError as malformed, and keeps streaming', async () => {
      const reads = script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [() => eventStream([{ id: 'x', data: '{"id": "dispute-1",' }, { id: ETAG_2, data: resolvedDispute }])], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(run.errors).to.have.length(1);
      expect(run.errors[0]).to.be.instanceOf(MalformedResponseError).and.include({ kind: 'malformed', operation: 'disputeEvents' });
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(events).to.have.length(1);
      expect(reads).to.have.length(1);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'stopped']);
    });

    it('reports an event that breaks the Dispute schema to onError as a schema error naming the path, and keeps streaming', async () => {
      script('GET', pattern('getDispute'), ['pass'], { orderId });
      const events = script('GET', EVENTS_PATTERN, [
        () => eventStream([{ id: ETAG, data: { ...resolvedDispute, status: 'paid' } }, { id: ETAG_2, data: resolvedDispute }]),
      ], { orderId });
      const run = await runWatch(orderId, bothDelivered);
      expect(run.errors).to.have.length(1);
      expect(run.errors[0]).to.be.instanceOf(SchemaError).and.include({ kind: 'schema', operation: 'disputeEvents' });
      expect((run.errors[0] as SchemaError).faults.map((fault) => fault.path)).to.include('$.status');
      expect(run.changes).to.deep.equal([sampleDispute, resolvedDispute]);
      expect(events).to.have.length(1);
      expect(run.states).to.deep.equal(['reading', 'streaming', 'stopped']);
    });
  });
});
