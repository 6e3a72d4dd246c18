import { expect } from '@open-wc/testing';
import { Dispute, OpenDisputeRequest, ProblemType } from '@amicable/protocol';
import { delay, http, HttpResponse } from 'msw';
import {
  BASE,
  ETAG,
  EVENTS_URL,
  ORDER_ID,
  pattern,
  problem,
  rejectionOf,
  sampleContext,
  sampleDispute,
  script,
  testClient,
  useMockBackend,
  worker,
} from './client.test-support.js';
import {
  AbortedError,
  ConflictError,
  createClient,
  HttpError,
  isClientError,
  MalformedResponseError,
  UnauthorizedError,
  type FetchLike,
} from './index.js';

const openRequest: OpenDisputeRequest = {
  orderId: ORDER_ID,
  treeId: sampleDispute.treeId,
  treeVersion: sampleDispute.treeVersion,
  path: sampleDispute.path,
  outcomeId: sampleDispute.outcomeId,
  description: sampleDispute.description,
  photoIds: [],
  proposals: [{ type: 'full_refund' }],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createClient', () => {
  useMockBackend();

  describe('options', () => {
    const getToken = () => 'token';

    it('refuses a missing base URL, a missing getToken and a timeout that is not positive', () => {
      expect(() => createClient({ baseUrl: '', getToken })).to.throw(TypeError, /baseUrl/);
      expect(() => createClient({ baseUrl: BASE } as never)).to.throw(TypeError, /getToken/);
      expect(() => createClient({ baseUrl: BASE, getToken, timeoutMs: 0 })).to.throw(RangeError, /timeoutMs/);
      expect(() => createClient({ baseUrl: BASE, getToken, retry: { attempts: 0 } })).to.throw(RangeError, /attempts/);
    });

    it('sends requests through the given fetch', async () => {
      const urls: string[] = [];
      const recording: FetchLike = (input, init) => {
        urls.push(input);
        return fetch(input, init);
      };
      const { client } = testClient({ fetch: recording });
      await client.getContext(ORDER_ID);
      expect(urls).to.deep.equal([`${BASE}/orders/${ORDER_ID}/context`]);
    });

    it('takes a base URL with a trailing slash and percent-encodes the order id', async () => {
      const seen = script('GET', `${BASE}/orders/:orderId/context`, [() => HttpResponse.json(sampleContext)]);
      const { client } = testClient({ baseUrl: `${BASE}/` });
      await client.getContext('order 7/b');
      expect(seen[0]?.url).to.equal(`${BASE}/orders/order%207%2Fb/context`);
    });
  });

  describe('idempotency', () => {
    it('sends a new UUID as the Idempotency-Key of every call', async () => {
      const seen = script('POST', pattern('withdraw'), ['pass']);
      const { client } = testClient();
      await client.withdraw(ORDER_ID);
      await client.withdraw(ORDER_ID);
      const keys = seen.map((request) => request.idempotencyKey);
      expect(keys[0]).to.match(UUID);
      expect(keys[1]).to.match(UUID);
      expect(keys[0]).to.not.equal(keys[1]);
    });

    it('sends the caller\'s key when given one', async () => {
      const seen = script('POST', pattern('withdraw'), ['pass']);
      const { client } = testClient();
      await client.withdraw(ORDER_ID, { idempotencyKey: 'withdraw-order-1001' });
      expect(seen[0]?.idempotencyKey).to.equal('withdraw-order-1001');
    });

    it('opens one dispute when the answer to the first try is lost and the retry is replayed', async () => {
      // A backend that keeps its answer per key, as the contract requires, and whose first answer never arrives.
      const created: Dispute[] = [];
      const answers = new Map<string, Dispute>();
      let lost = false;
      worker.use(
        http.post(pattern('openDispute'), async ({ request }) => {
          const key = request.headers.get('Idempotency-Key') ?? '';
          const body = OpenDisputeRequest.parse(await request.json());
          let dispute = answers.get(key);
          if (dispute === undefined) {
            dispute = { ...sampleDispute, id: `dispute-${created.length + 1}`, description: body.description };
            created.push(dispute);
            answers.set(key, dispute);
          }
          if (!lost) {
            lost = true;
            return HttpResponse.error();
          }
          return HttpResponse.json(dispute, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
        }),
      );
      const { client } = testClient();
      const dispute = await client.openDispute(ORDER_ID, openRequest);
      expect(created).to.have.length(1);
      expect(dispute).to.deep.equal(created[0]);
    });
  });

  describe('cancelling', () => {
    it('rejects at once, sending nothing, when the signal has already aborted', async () => {
      const seen = script('GET', pattern('getContext'), ['pass']);
      const { client, tokenRequests } = testClient();
      const reason = new DOMException('The page is closing', 'AbortError');
      const error = await rejectionOf(client.getContext(ORDER_ID, { signal: AbortSignal.abort(reason) }));
      expect(error).to.be.instanceOf(AbortedError);
      expect((error as AbortedError).cause).to.equal(reason);
      expect(seen).to.have.length(0);
      expect(tokenRequests).to.have.length(0);
    });

    it('rejects with aborted, not a network error or a timeout, when the signal aborts during the request', async () => {
      const controller = new AbortController();
      const seen = script('POST', pattern('respond'), [
        async () => {
          controller.abort();
          await delay('infinite');
          return HttpResponse.error();
        },
      ]);
      const { client } = testClient();
      const error = await rejectionOf(client.respond(ORDER_ID, { kind: 'reject', reason: 'Not damaged in transit' }, { signal: controller.signal }));
      expect(error).to.include({ kind: 'aborted', operation: 'respond', method: 'POST' });
      expect(seen).to.have.length(1);
    });

    it('stops at once when the signal aborts while waiting to retry', async () => {
      const controller = new AbortController();
      const waits: number[] = [];
      const seen = script('GET', pattern('getDispute'), [() => problem(503, ProblemType.unavailable, 'Unavailable', {}, { 'Retry-After': '3' })]);
      const { client } = testClient({
        sleep: (ms) => {
          waits.push(ms);
          controller.abort();
          return new Promise<void>(() => undefined);
        },
      });
      const error = await rejectionOf(client.getDispute(ORDER_ID, { signal: controller.signal }));
      expect(error).to.be.instanceOf(AbortedError);
      expect(waits).to.deep.equal([3000]);
      expect(seen).to.have.length(1);
    });

    it('stops at once when the signal aborts while getToken is still working', async () => {
      const controller = new AbortController();
      const client = createClient({
        baseUrl: BASE,
        getToken: () => {
          controller.abort();
          return new Promise<string>(() => undefined);
        },
      });
      expect(await rejectionOf(client.getContext(ORDER_ID, { signal: controller.signal }))).to.be.instanceOf(AbortedError);
    });
  });

  describe('waiting to retry', () => {
    it('waits what Retry-After says, in seconds or as a date, and backs off where it says nothing', async () => {
      // Two seconds from the next whole second, as the backend answers: an HTTP date has no fractions.
      const inTwoSeconds = () => new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString();
      script('GET', pattern('getContext'), [
        () => problem(503, ProblemType.unavailable, 'Unavailable', {}, { 'Retry-After': '1' }),
        () => problem(429, ProblemType.rateLimited, 'Too many requests', {}, { 'Retry-After': inTwoSeconds() }),
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
        'pass',
      ]);
      const { client, sleeps } = testClient({ retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 }, random: () => 0.25 });
      expect(await client.getContext(ORDER_ID)).to.deep.equal(sampleContext);
      expect(sleeps).to.have.length(3);
      expect(sleeps[0]).to.equal(1000);
      // An HTTP date counts from now: between one and three seconds, whatever the clock did meanwhile.
      expect(sleeps[1]).to.be.within(1000, 3000);
      expect(sleeps[2], 'a quarter of the third backoff ceiling (400 ms)').to.equal(100);
    });

    it('never retries a 400, a 403 or a 404', async () => {
      for (const [status, type] of [[400, ProblemType.badRequest], [403, ProblemType.forbiddenRole], [404, ProblemType.notFound]] as const) {
        const seen = script('GET', pattern('getDispute'), [() => problem(status, type, 'Refused')]);
        const { client } = testClient();
        const error = await rejectionOf(client.getDispute(ORDER_ID));
        expect(error).to.include({ kind: 'http', status, code: type });
        expect(seen, String(status)).to.have.length(1);
        worker.resetHandlers();
      }
    });
  });

  describe('tokens', () => {
    it('reuses the order\'s token across calls and asks for another order\'s separately', async () => {
      const seen = script('GET', `${BASE}/orders/:orderId/context`, [
        ({ url }) => HttpResponse.json({ ...sampleContext, orderId: decodeURIComponent(new URL(url).pathname.split('/')[3] ?? '') }),
      ]);
      const { client, tokenRequests } = testClient();
      await client.getContext(ORDER_ID);
      await client.getContext(ORDER_ID);
      await client.getContext('order-2002');
      expect(tokenRequests).to.deep.equal([{ orderId: ORDER_ID, refresh: false }, { orderId: 'order-2002', refresh: false }]);
      expect(seen.map((request) => request.authorization)).to.deep.equal([`Bearer ${ORDER_ID}:1`, `Bearer ${ORDER_ID}:1`, 'Bearer order-2002:2']);
    });

    it('refreshes once for calls refused together', async () => {
      script('GET', pattern('getDispute'), [
        ({ headers }) => (headers.get('Authorization') === `Bearer ${ORDER_ID}:1` ? problem(401, ProblemType.unauthorized, 'Expired') : HttpResponse.json(sampleDispute)),
      ]);
      const { client, tokenRequests } = testClient();
      await client.getContext(ORDER_ID);
      await Promise.all([client.getDispute(ORDER_ID), client.getDispute(ORDER_ID), client.getDispute(ORDER_ID)]);
      expect(tokenRequests.filter((request) => request.refresh)).to.have.length(1);
    });

    it('rejects with unauthorized, sending nothing, when getToken fails', async () => {
      const seen = script('GET', pattern('getContext'), ['pass']);
      const client = createClient({
        baseUrl: BASE,
        getToken: () => Promise.reject(new Error('The session has ended')),
      });
      const error = await rejectionOf(client.getContext(ORDER_ID));
      expect(error).to.be.instanceOf(UnauthorizedError);
      expect(error).to.include({ status: null, code: 'unauthorized' });
      expect((error as Error).message).to.include('The session has ended');
      expect(seen).to.have.length(0);
    });
  });

  describe('reading a dispute', () => {
    it('answers not-modified, with the ETag and the events link, when the dispute has not changed', async () => {
      const seen = script('GET', pattern('getDispute'), ['pass']);
      const { client } = testClient();
      expect(await client.readDispute(ORDER_ID, { ifNoneMatch: ETAG })).to.deep.equal({ status: 'not-modified', etag: ETAG, events: EVENTS_URL });
      expect(seen[0]?.ifNoneMatch).to.equal(ETAG);
    });

    it('treats a 304 to a read that asked for no ETag as an error', async () => {
      script('GET', pattern('getDispute'), [() => new HttpResponse(null, { status: 304 })]);
      const { client } = testClient();
      expect(await rejectionOf(client.getDispute(ORDER_ID))).to.include({ kind: 'http', status: 304 });
    });

    it('rejects with a 404 not-found when the order has no dispute', async () => {
      script('GET', pattern('getDispute'), [() => problem(404, ProblemType.notFound, 'No dispute')]);
      const { client } = testClient();
      expect(await rejectionOf(client.getDispute(ORDER_ID))).to.include({ kind: 'http', status: 404, code: ProblemType.notFound });
    });
  });

  describe('problems', () => {
    it('gives a conflict without a dispute when the problem\'s dispute is not valid', async () => {
      script('POST', pattern('openDispute'), [
        () => problem(409, ProblemType.disputeExists, 'Exists', { dispute: { ...sampleDispute, status: 'lost' } }),
      ]);
      const { client } = testClient();
      const error = await rejectionOf(client.openDispute(ORDER_ID, openRequest));
      expect(error).to.be.instanceOf(ConflictError);
      expect(error).to.include({ code: ProblemType.disputeExists, dispute: null });
    });

    it('rejects a problem+json body that is not a problem as malformed, naming the fault', async () => {
      script('GET', pattern('getContext'), [
        () => HttpResponse.json({ error: 'boom' }, { status: 500, headers: { 'Content-Type': 'application/problem+json' } }),
      ]);
      const { client } = testClient();
      const error = await rejectionOf(client.getContext(ORDER_ID));
      expect(error).to.be.instanceOf(MalformedResponseError);
      expect((error as MalformedResponseError).faults.map((fault) => fault.path)).to.include('$.type');
    });

    it('reads a problem sent as plain JSON, and takes a body that is no problem as none', async () => {
      script('GET', pattern('getContext'), [
        () => HttpResponse.json({ type: ProblemType.forbiddenRole, title: 'Not your order', status: 403 }, { status: 403 }),
      ]);
      const { client } = testClient();
      expect(await rejectionOf(client.getContext(ORDER_ID))).to.include({ status: 403, code: ProblemType.forbiddenRole });
      worker.resetHandlers();
      script('GET', pattern('getContext'), [() => HttpResponse.text('Forbidden', { status: 403 })]);
      const error = await rejectionOf(client.getContext(ORDER_ID));
      expect(error).to.include({ status: 403, code: 'http', problem: null });
    });

    it('turns a host\'s own error shape into a problem with adapt.problem', async () => {
      script('POST', pattern('rate'), [() => HttpResponse.json({ error: { code: 'ALREADY_RATED', message: 'Rated already' } }, { status: 409 })]);
      const { client } = testClient({
        adapt: {
          problem: (_operation, json) => {
            const { error } = json as { error: { code: string; message: string } };
            return { type: `urn:shop:${error.code}`, title: error.message, status: 409 };
          },
        },
      });
      const error = await rejectionOf(client.rate(ORDER_ID, { score: 4 }));
      expect(isClientError(error) && error.kind).to.equal('conflict');
      expect(error).to.include({ code: 'urn:shop:ALREADY_RATED' });
    });

    it('gives an http error without a problem for an HTML error page, after retrying it', async () => {
      const seen = script('GET', pattern('getContext'), [() => HttpResponse.html('<h1>502 Bad Gateway</h1>', { status: 502 })]);
      const { client } = testClient();
      const error = await rejectionOf(client.getContext(ORDER_ID));
      expect(error).to.be.instanceOf(HttpError);
      expect(error).to.include({ status: 502, problem: null, code: 'http' });
      expect(seen).to.have.length(3);
    });
  });

  describe('routes', () => {
    it('sends an endpoint to the host\'s path and method', async () => {
      const seen = script('GET', `${BASE}/v2/cases/:orderId/withdraw`, [() => HttpResponse.json(sampleDispute)]);
      const { client } = testClient({ routes: { withdraw: { path: '/v2/cases/{orderId}/withdraw', method: 'GET' } } });
      expect(await client.withdraw(ORDER_ID)).to.deep.equal(sampleDispute);
      expect(seen[0]?.idempotencyKey, 'a GET carries no key').to.equal(null);
    });

    it('takes an absolute URL as a route', async () => {
      const seen = script('GET', 'https://cases.test/:orderId', [() => HttpResponse.json(sampleDispute)]);
      const { client } = testClient({ routes: { getDispute: { path: 'https://cases.test/{orderId}' } } });
      await client.getDispute(ORDER_ID);
      expect(seen[0]?.url).to.equal(`https://cases.test/${ORDER_ID}`);
    });
  });
});
