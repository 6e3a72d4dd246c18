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
  type ClientOperation,
  type ClientOptions,
  type MediationClient,
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
  /** The timeout of the timeout test: short, unless a request before the faulty one must succeed within it. */
  readonly timeoutMs?: number;
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
    // The ticket must come back within the timeout before the PUT can time out.
    timeoutMs: 1000,
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
        const timeoutMs = target.timeoutMs ?? 100;
        const { client: c, sent, sleeps } = client({ timeoutMs, retry: { ...TEST_RETRY, attempts: 2 } });
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

      it('rejects a 409 with a conflict carrying the dispute\'s current state, without retrying', async () => {
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
});

