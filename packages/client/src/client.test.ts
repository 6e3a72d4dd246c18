import { expect } from '@open-wc/testing';
import { Dispute, OpenDisputeRequest, ProblemType } from '@amicable/protocol';
import { delay, http, HttpResponse } from 'msw';
import {
  BASE,
  ETAG,
  EVENTS_URL,
  ORDER_ID,
  pattern,
  pngFile,
  problem,
  rejectionOf,
  resolvedDispute,
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
  type MediationClient,
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

    describe('a key the caller gives', () => {
      const badKeys: readonly [string, string][] = [
        ['an empty key', ''],
        ['a key of 256 characters', 'k'.repeat(256)],
        ['a key with a space', 'withdraw order-1001'],
        ['a key with a tab', 'withdraw\torder-1001'],
        ['a key with a letter outside ASCII', 'rücknahme-1001'],
        ['a key with DEL', 'withdraw-\x7f'],
      ];
      const calls: readonly [string, (client: MediationClient, key: string) => Promise<unknown>][] = [
        ['withdraw', (client, key) => client.withdraw(ORDER_ID, { idempotencyKey: key })],
        ['uploadPhoto (multipart)', (client, key) => client.uploadPhoto(ORDER_ID, pngFile(), { idempotencyKey: key })],
        ['uploadPhoto (pre-signed)', (client, key) => client.uploadPhoto(ORDER_ID, pngFile(), { via: 'presigned', idempotencyKey: key })],
      ];

      for (const [method, call] of calls) {
        it(`${method}: rejects one the contract does not allow with a TypeError, before asking for a token or sending anything`, async () => {
          for (const [what, key] of badKeys) {
            const { client, sent, tokenRequests } = testClient();
            const error = await rejectionOf(call(client, key));
            expect(error, what).to.be.instanceOf(TypeError);
            expect(isClientError(error), what).to.equal(false);
            expect((error as TypeError).message, what).to.match(/^idempotencyKey must/);
            expect(sent, what).to.deep.equal([]);
            expect(tokenRequests, what).to.deep.equal([]);
          }
        });
      }

      it('takes one of 1 to 255 visible ASCII characters, ! and ~ included, and sends it as it is', async () => {
        const seen = script('POST', pattern('withdraw'), ['pass']);
        const { client } = testClient();
        const longest = `!~${'k'.repeat(253)}`;
        await client.withdraw(ORDER_ID, { idempotencyKey: longest });
        await client.withdraw(ORDER_ID, { idempotencyKey: '~' });
        expect(seen.map((request) => request.idempotencyKey)).to.deep.equal([longest, '~']);
      });
    });

    it('gets the first try\'s answer when its retry arrives while the backend is still handling it (409 in flight)', async () => {
      // A backend that claims each key while it works on it, as the contract says: a retry that
      // arrives meanwhile gets 409 idempotency-key-in-flight with Retry-After, a later one the answer.
      const answers = new Map<string, Dispute | 'in-flight'>();
      let finishPayout = (): void => undefined;
      let accepted = 0;
      worker.use(
        http.post(pattern('respond'), ({ request }) => {
          const key = request.headers.get('Idempotency-Key') ?? '';
          const stored = answers.get(key);
          if (stored === 'in-flight') {
            // The first try's slow payout ends now, just after this retry hears that it is still going on.
            finishPayout();
            return problem(409, ProblemType.idempotencyKeyInFlight, 'A request with this key is still being handled', {}, { 'Retry-After': '1' });
          }
          if (stored !== undefined) return HttpResponse.json(stored, { headers: { 'Idempotent-Replayed': 'true' } });
          answers.set(key, 'in-flight');
          accepted += 1;
          void new Promise<void>((resolve) => {
            finishPayout = resolve;
          }).then(() => answers.set(key, resolvedDispute));
          // The backend goes on with the payout, but the client never hears of this try: the connection drops.
          return HttpResponse.error();
        }),
      );
      const { client, sleeps, sent } = testClient();
      expect(await client.respond(ORDER_ID, { kind: 'accept', proposalId: 'proposal-1' })).to.deep.equal(resolvedDispute);
      expect(accepted, 'the seller accepted once').to.equal(1);
      const keys = sent.map((request) => request.idempotencyKey);
      expect(keys).to.have.length(3);
      expect(new Set(keys).size, 'one key for every try').to.equal(1);
      expect(sleeps, 'the backoff after the dropped connection, then the Retry-After').to.deep.equal([50, 1000]);
    });

    it('does not retry a 409 in flight to a request that carries no key', async () => {
      const seen = script('GET', `${BASE}/v2/cases/:orderId/withdraw`, [() => problem(409, ProblemType.idempotencyKeyInFlight, 'In flight', {}, { 'Retry-After': '1' })]);
      const { client } = testClient({ routes: { withdraw: { path: '/v2/cases/{orderId}/withdraw', method: 'GET' } } });
      expect(await rejectionOf(client.withdraw(ORDER_ID))).to.be.instanceOf(ConflictError).and.include({ code: ProblemType.idempotencyKeyInFlight });
      expect(seen).to.have.length(1);
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
      // Ten seconds from the next whole second, as the backend answers: an HTTP date has no fractions.
      const inTenSeconds = () => new Date(Math.ceil(Date.now() / 1000) * 1000 + 10_000).toUTCString();
      script('GET', pattern('getContext'), [
        () => problem(503, ProblemType.unavailable, 'Unavailable', {}, { 'Retry-After': '1' }),
        () => problem(429, ProblemType.rateLimited, 'Too many requests', {}, { 'Retry-After': inTenSeconds() }),
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
        'pass',
      ]);
      const { client, sleeps } = testClient({ retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 }, random: () => 0.25 });
      expect(await client.getContext(ORDER_ID)).to.deep.equal(sampleContext);
      expect(sleeps).to.have.length(3);
      expect(sleeps[0]).to.equal(1000);
      // An HTTP date counts from when the answer is read: at most eleven seconds, and more than five
      // unless the answer took five seconds to arrive. The backoff it replaces would be 50 ms.
      expect(sleeps[1]).to.be.within(5000, 11_000);
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

    it('gives no events link that points to another origin, whose site would be sent the token', async () => {
      script('GET', pattern('getDispute'), [() => HttpResponse.json(sampleDispute, { headers: { Link: '<https://elsewhere.test/events>; rel="events"' } })]);
      const { client } = testClient();
      expect(await client.readDispute(ORDER_ID)).to.include({ status: 'modified', events: null });
    });

    it('gives an events link on the origin of the host\'s own dispute route', async () => {
      script('GET', 'https://cases.test/:orderId', [() => HttpResponse.json(sampleDispute, { headers: { Link: '</events/1>; rel="events"' } })]);
      const { client } = testClient({ routes: { getDispute: { path: 'https://cases.test/{orderId}' } } });
      expect(await client.readDispute(ORDER_ID)).to.include({ events: 'https://cases.test/events/1' });
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

    it('fills in every {orderId} of a route', async () => {
      const seen = script('GET', `${BASE}/v2/orders/:a/cases/:b`, [() => HttpResponse.json(sampleContext)]);
      const { client } = testClient({ routes: { getContext: { path: '/v2/orders/{orderId}/cases/{orderId}' } } });
      await client.getContext('order 7');
      expect(seen[0]?.url).to.equal(`${BASE}/v2/orders/order%207/cases/order%207`);
    });

    it('takes an absolute URL as a route', async () => {
      const seen = script('GET', 'https://cases.test/:orderId', [() => HttpResponse.json(sampleDispute)]);
      const { client } = testClient({ routes: { getDispute: { path: 'https://cases.test/{orderId}' } } });
      await client.getDispute(ORDER_ID);
      expect(seen[0]?.url).to.equal(`https://cases.test/${ORDER_ID}`);
    });
  });
});
