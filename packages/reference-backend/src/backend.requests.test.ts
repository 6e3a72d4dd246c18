import { expect } from '@open-wc/testing';
import type { Dispute } from '@amicable/protocol';
import type { PayoutResult } from './backend-context.js';
import { encodeBase64Url } from './base64url.js';
import { EUR_ORDER, expectProblem, expectStatus, harness, HOUR, missingPartsRequest, parcelLostRequest, type Harness } from './backend.test-support.js';
import { createMemoryStore } from './memory-store.js';

const DISPUTE = `/orders/${EUR_ORDER}/dispute`;

function post(body: BodyInit | null, headers: Record<string, string>) {
  return { headers, body };
}

describe('reference backend: requests', function () {
  describe('the order of checks', function () {
    it('asks for a token before anything about the body', async function () {
      const { call } = await harness();
      await expectProblem(await call('POST', DISPUTE, null, post('not json', { 'Content-Type': 'text/plain' })), 401, 'unauthorized');
    });

    it('refuses a POST without a valid Idempotency-Key with 400, before looking at the body', async function () {
      const { call } = await harness();
      for (const key of [undefined, '', 'has space', 'clé', 'tab\there', 'x'.repeat(256)]) {
        const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
        if (key !== undefined) headers['Idempotency-Key'] = key;
        const problem = await expectProblem(await call('POST', DISPUTE, 'buyer', post('{', headers)), 400, 'bad-request');
        expect(problem.detail, String(key)).to.contain('Idempotency-Key');
      }
      const longest = await call('POST', DISPUTE, 'buyer', post(JSON.stringify(missingPartsRequest()), { 'Content-Type': 'application/json', 'Idempotency-Key': '~'.repeat(255) }));
      await expectStatus(longest, 201);
    });

    it('refuses a body that is not application/json with 415, then one that is not JSON with 400', async function () {
      const { call } = await harness();
      const key = { 'Idempotency-Key': 'k' };
      await expectProblem(await call('POST', DISPUTE, 'buyer', post('{}', key)), 415, 'unsupported-media-type');
      await expectProblem(await call('POST', DISPUTE, 'buyer', post('{}', { ...key, 'Content-Type': 'text/plain' })), 415, 'unsupported-media-type');
      await expectProblem(await call('POST', DISPUTE, 'buyer', post('{"orderId":', { ...key, 'Content-Type': 'application/json' })), 400, 'bad-request');
      await expectProblem(await call('POST', DISPUTE, 'buyer', post(new Uint8Array([0x22, 0xff, 0x22]), { ...key, 'Content-Type': 'application/json' })), 400, 'bad-request');
      const charset = await call('POST', DISPUTE, 'buyer', post(JSON.stringify(missingPartsRequest()), { 'Idempotency-Key': 'k2', 'Content-Type': 'Application/JSON; charset=utf-8' }));
      await expectStatus(charset, 201);
    });

    it('refuses a JSON body larger than 256 KiB with 413', async function () {
      const { endpoint } = await harness();
      const body = JSON.stringify({ ...missingPartsRequest(), description: 'x'.repeat(300 * 1024) });
      await expectProblem(await endpoint('openDispute', 'buyer', undefined, { body }), 413, 'payload-too-large');
    });

    it('validates the body against its schema with 422 and a JSON path for each fault', async function () {
      const { endpoint } = await harness();
      const problem = await expectProblem(await endpoint('openDispute', 'buyer', { ...missingPartsRequest(), treeVersion: 0, proposals: [{ type: 'gift' }] }), 422, 'validation');
      expect(problem.errors?.map((e) => e.path)).to.deep.equal(['$.treeVersion', '$.proposals[0].type']);
      const empty = await expectProblem(await endpoint('withdraw', 'buyer', { reason: 'unexpected' }), 422, 'validation');
      expect(empty.errors?.map((e) => e.path)).to.deep.equal(['$']);
    });
  });

  describe('idempotency keys', function () {
    it('replays the response of a repeated request, creating exactly one dispute', async function () {
      const h = await harness();
      const send = () => h.endpoint('openDispute', 'buyer', missingPartsRequest(), { headers: { 'Idempotency-Key': 'open-1' } });
      const first = await send();
      const firstBody = await first.text();
      const again = await send();
      expect(again.status).to.equal(201);
      expect(again.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(first.headers.get('Idempotent-Replayed')).to.equal(null);
      expect(again.headers.get('Location')).to.equal(first.headers.get('Location'));
      expect(again.headers.get('ETag')).to.equal(first.headers.get('ETag'));
      expect(await again.text()).to.equal(firstBody);
      expect((JSON.parse(firstBody) as Dispute).id).to.equal('dispute-1');
      // The next id would have been dispute-2, had the repeat opened another.
      await expectProblem(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 409, 'dispute-exists');
      expect((await h.store.getDispute(EUR_ORDER))?.dispute.id).to.equal('dispute-1');
    });

    it('refuses the same key with another body with 422 idempotency-key-reused', async function () {
      const h = await harness();
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest(), { headers: { 'Idempotency-Key': 'k' } }), 201);
      await expectProblem(await h.endpoint('openDispute', 'buyer', parcelLostRequest(), { headers: { 'Idempotency-Key': 'k' } }), 422, 'idempotency-key-reused');
    });

    it('keeps keys apart by role, method and path', async function () {
      const h = await harness();
      const key = { headers: { 'Idempotency-Key': 'same' } };
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest(), key), 201);
      const countered = await h.endpoint('respond', 'seller', { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 500, currency: 'EUR' } } }, key);
      expect(countered.headers.get('Idempotent-Replayed')).to.equal(null);
      await expectStatus(countered, 200);
      const answered = await h.endpoint('answerCounter', 'buyer', { answer: 'accept' }, key);
      expect((await expectStatus<Dispute>(answered, 200)).status).to.equal('resolved');
    });

    it('answers 409 idempotency-key-in-flight with Retry-After while the first request runs, then replays it', async function () {
      let release: (result: PayoutResult) => void = () => {};
      const payments = { payOut: () => new Promise<PayoutResult>((resolve) => (release = resolve)) };
      const h = await harness({ payments });
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
      const accept = () => h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }, { headers: { 'Idempotency-Key': 'accept-1' } });
      const first = accept();
      // Wait until the payout is asked for: the first request is then in the middle of its work.
      while ((await h.store.getDispute(EUR_ORDER))?.dispute.status !== 'settling') await new Promise((resolve) => setTimeout(resolve, 0));
      const during = await accept();
      expect(during.headers.get('Retry-After')).to.equal('1');
      await expectProblem(during, 409, 'idempotency-key-in-flight');
      release({ ok: true });
      const done = await expectStatus<Dispute>(await first, 200);
      const after = await accept();
      expect(after.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await expectStatus(after, 200)).to.deep.equal(done);
    });

    /**
     * Two backends on one store, as two processes on one database: the first takes the request
     * and never answers (its process died while opening the dispute), the second gets the retries.
     */
    async function afterADeadProcess(options: { idempotencyTakeoverMs?: number } = {}) {
      const store = createMemoryStore();
      let reached: () => void = () => {};
      const stuck = new Promise<void>((resolve) => (reached = resolve));
      const dead = await harness({
        ...options,
        store: {
          ...store,
          insertDispute: () => {
            reached();
            return new Promise<boolean>(() => {});
          },
        },
      });
      const send = (h: Harness, request = missingPartsRequest()) => h.endpoint('openDispute', 'buyer', request, { headers: { 'Idempotency-Key': 'open-once' } });
      void send(dead);
      await stuck;
      return { live: await harness({ ...options, store }), send };
    }

    it('lets a retry take over a key whose request never answered, once 60 seconds have passed, and run it', async function () {
      const { live, send } = await afterADeadProcess();
      live.clock.advance(60_000 - 1);
      const early = await send(live);
      expect(early.headers.get('Retry-After')).to.equal('1');
      await expectProblem(early, 409, 'idempotency-key-in-flight');
      live.clock.advance(1);
      const taken = await send(live);
      expect(taken.headers.get('Idempotent-Replayed')).to.equal(null);
      const dispute = await expectStatus<Dispute>(taken, 201);
      expect((await live.store.getDispute(EUR_ORDER))?.dispute.id).to.equal(dispute.id);
      // From then on the key has its answer, however old.
      live.clock.advance(60_000);
      const replay = await send(live);
      expect(replay.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await expectStatus(replay, 201)).to.deep.equal(dispute);
    });

    it('takes over only for the same body: another one with the key is still refused', async function () {
      const { live, send } = await afterADeadProcess();
      live.clock.advance(HOUR);
      await expectProblem(await send(live, parcelLostRequest()), 422, 'idempotency-key-reused');
    });

    it('waits as long as idempotencyTakeoverMs says before taking a key over', async function () {
      const { live, send } = await afterADeadProcess({ idempotencyTakeoverMs: 5_000 });
      live.clock.advance(4_999);
      await expectProblem(await send(live), 409, 'idempotency-key-in-flight');
      live.clock.advance(1);
      await expectStatus(await send(live), 201);
    });

    it('never takes a key over from a request this process is still handling, however long it takes', async function () {
      let release: (result: PayoutResult) => void = () => {};
      const payments = { payOut: () => new Promise<PayoutResult>((resolve) => (release = resolve)) };
      const h = await harness({ payments });
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
      const accept = () => h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }, { headers: { 'Idempotency-Key': 'slow-accept' } });
      const first = accept();
      while ((await h.store.getDispute(EUR_ORDER))?.dispute.status !== 'settling') await new Promise((resolve) => setTimeout(resolve, 0));
      h.clock.advance(10 * 60_000);
      await expectProblem(await accept(), 409, 'idempotency-key-in-flight');
      release({ ok: true });
      const done = await expectStatus<Dispute>(await first, 200);
      expect(done.status).to.equal('resolved');
      const after = await accept();
      expect(after.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await expectStatus(after, 200)).to.deep.equal(done);
    });

    it('gives a key one answer when its first request outlives the takeover: the response stored first, replayed to the other', async function () {
      const store = createMemoryStore();
      let release: (result: PayoutResult) => void = () => {};
      const slow = await harness({ store, payments: { payOut: () => new Promise<PayoutResult>((resolve) => (release = resolve)) } });
      const other = await harness({ store });
      await expectStatus(await slow.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
      const accept = (h: Harness) => h.endpoint('respond', 'seller', { kind: 'accept', proposalId: 'p1' }, { headers: { 'Idempotency-Key': 'accept-twice' } });
      const first = accept(slow);
      while ((await store.getDispute(EUR_ORDER))?.dispute.status !== 'settling') await new Promise((resolve) => setTimeout(resolve, 0));
      other.clock.advance(60_000);
      // The other process takes the key over; the lifecycle refuses a second acceptance.
      const taken = await accept(other);
      const takenBody = await taken.text();
      expect(taken.status).to.equal(409);
      release({ ok: true });
      const late = await first;
      expect(late.status).to.equal(409);
      expect(late.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await late.text()).to.equal(takenBody);
      expect((await store.getDispute(EUR_ORDER))?.dispute.status).to.equal('resolved');
    });

    it('stores refusals below 500 and replays them', async function () {
      const h = await harness();
      const send = () => h.endpoint('openDispute', 'buyer', missingPartsRequest({ description: 'short' }), { headers: { 'Idempotency-Key': 'bad' } });
      await expectProblem(await send(), 422, 'validation');
      const again = await send();
      expect(again.headers.get('Idempotent-Replayed')).to.equal('true');
      await expectProblem(again, 422, 'validation');
    });

    it('releases the key after a 5xx, so that a retry with it runs again', async function () {
      const store = createMemoryStore();
      let failures = 1;
      const h = await harness({
        store: {
          ...store,
          async insertDispute(dispute) {
            if (failures > 0) {
              failures -= 1;
              throw new Error('connection reset');
            }
            return store.insertDispute(dispute);
          },
        },
        onError: () => {},
      });
      const send = () => h.endpoint('openDispute', 'buyer', missingPartsRequest(), { headers: { 'Idempotency-Key': 'retry-me' } });
      await expectProblem(await send(), 500, 'internal');
      const retried = await send();
      expect(retried.headers.get('Idempotent-Replayed')).to.equal(null);
      await expectStatus(retried, 201);
    });

    it('forgets a key after 24 hours', async function () {
      const h = await harness();
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest(), { headers: { 'Idempotency-Key': 'old' } }), 201);
      h.clock.advance(24 * HOUR - 1);
      await expectProblem(await h.endpoint('openDispute', 'buyer', parcelLostRequest(), { headers: { 'Idempotency-Key': 'old' } }), 422, 'idempotency-key-reused');
      h.clock.advance(1);
      await expectProblem(await h.endpoint('openDispute', 'buyer', parcelLostRequest(), { headers: { 'Idempotency-Key': 'old' } }), 409, 'dispute-exists');
    });

    it('deletes the records of keys past their 24 hours when it sweeps, so the store does not grow without end', async function () {
      const h = await harness();
      const scope = (key: string) => JSON.stringify([EUR_ORDER, 'buyer', 'POST', `/orders/${EUR_ORDER}/dispute`, key]);
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest(), { headers: { 'Idempotency-Key': 'old' } }), 201);
      h.clock.advance(24 * HOUR - 1);
      await h.backend.sweep();
      expect(await h.store.getIdempotencyRecord(scope('old'))).to.not.equal(null);
      h.clock.advance(1);
      await h.backend.sweep();
      expect(await h.store.getIdempotencyRecord(scope('old'))).to.equal(null);
    });
  });

  describe('ETags', function () {
    async function expectedEtag(body: string): Promise<string> {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
      return `"${encodeBase64Url(digest).slice(0, 27)}"`;
    }

    it('tags reads with a strong ETag of the body bytes', async function () {
      const h = await harness();
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
      for (const name of ['getDispute', 'getContext'] as const) {
        const response = await h.endpoint(name, 'buyer');
        expect(response.headers.get('ETag')).to.equal(await expectedEtag(await response.text()));
      }
    });

    it('answers 304 with the ETag and no body when If-None-Match names it, in any of its forms', async function () {
      const h = await harness();
      const created = await h.endpoint('openDispute', 'buyer', missingPartsRequest());
      const etag = created.headers.get('ETag') ?? '';
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const response = await h.endpoint('getDispute', 'seller', undefined, { headers: { 'If-None-Match': ifNoneMatch } });
        expect(response.status, ifNoneMatch).to.equal(304);
        expect(response.headers.get('ETag')).to.equal(etag);
        expect(await response.text()).to.equal('');
      }
      const other = await h.endpoint('getDispute', 'seller', undefined, { headers: { 'If-None-Match': '"something-else"' } });
      expect(other.status).to.equal(200);
    });

    it('changes the ETag when the dispute changes, by a party or by a lapse', async function () {
      const h = await harness();
      const created = await h.endpoint('openDispute', 'buyer', missingPartsRequest());
      const first = created.headers.get('ETag') ?? '';
      const countered = await h.endpoint('respond', 'seller', { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 500, currency: 'EUR' } } });
      const second = countered.headers.get('ETag') ?? '';
      expect(second).not.to.equal(first);
      const read = await h.endpoint('getDispute', 'buyer', undefined, { headers: { 'If-None-Match': first } });
      expect(read.status).to.equal(200);
      expect(read.headers.get('ETag')).to.equal(second);
      expect((await h.endpoint('getDispute', 'buyer', undefined, { headers: { 'If-None-Match': second } })).status).to.equal(304);
      h.clock.advance(48 * HOUR);
      const lapsed = await h.endpoint('getDispute', 'buyer', undefined, { headers: { 'If-None-Match': second } });
      expect(lapsed.status).to.equal(200);
      expect((await lapsed.json() as Dispute).status).to.equal('escalated');
    });

    it('answers 304 on an unchanged context, whose ETag differs by role', async function () {
      const h = await harness();
      const buyer = (await h.endpoint('getContext', 'buyer')).headers.get('ETag') ?? '';
      const seller = (await h.endpoint('getContext', 'seller')).headers.get('ETag') ?? '';
      expect(buyer).not.to.equal(seller);
      expect((await h.endpoint('getContext', 'buyer', undefined, { headers: { 'If-None-Match': buyer } })).status).to.equal(304);
      expect((await h.endpoint('getContext', 'buyer', undefined, { headers: { 'If-None-Match': seller } })).status).to.equal(200);
    });

    it('links the dispute to its event stream', async function () {
      const h = await harness();
      await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
      const response = await h.endpoint('getDispute', 'buyer');
      expect(response.headers.get('Link')).to.equal(`<http://backend.test/api/orders/${EUR_ORDER}/dispute/events>; rel="events"`);
    });
  });
});
