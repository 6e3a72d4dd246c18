import { expect } from '@open-wc/testing';
import type { Dispute, OpenDisputeRequest, OrderContext, Photo, Role } from '@amicable/protocol';
import { startTestServer, type TestServer } from './reference-server.test-support.js';

/*
 * The reference server as a browser meets it: plain fetch from this page to a real server on
 * 127.0.0.1, whose origin differs from the page's (so every call goes through CORS), with its
 * data in PGlite. No msw worker is started here: nothing is intercepted.
 */

interface Call {
  readonly token?: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly headers?: Record<string, string>;
}

function client(server: () => TestServer) {
  const tokens = new Map<string, Promise<string>>();
  const token = (orderId: string, role: Role): Promise<string> => {
    const key = `${orderId} ${role}`;
    let minted = tokens.get(key);
    if (minted === undefined) {
      // A week: the deadline tests move the clock by days, past the default hour.
      minted = server().token(orderId, role, 7 * 24 * 60 * 60);
      tokens.set(key, minted);
    }
    return minted;
  };
  const call = async (method: string, path: string, orderId: string, role: Role, options: Omit<Call, 'token'> = {}): Promise<Response> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${await token(orderId, role)}`, ...options.headers };
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return fetch(`${server().baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  return { token, call };
}

/** A small PNG drawn by the browser itself. */
async function pngOf(width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  context.fillStyle = '#c0392b';
  context.fillRect(0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob === null ? reject(new Error('no PNG')) : resolve(blob)), 'image/png'));
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** What a buyer of the KWD service order submits: not delivered, a full refund. */
function serviceNotDelivered(orderId: string, treeVersion: number): OpenDisputeRequest {
  return {
    orderId,
    treeId: 'services',
    treeVersion,
    path: [{ nodeId: 'what-went-wrong', optionId: 'not-delivered' }],
    outcomeId: 'not-delivered',
    description: 'Nobody came on the agreed day, and nobody called to move the visit.',
    photoIds: [],
    proposals: [{ type: 'full_refund' }],
  };
}

/** What a buyer of the JPY kettle submits: broken on arrival, a replacement. */
function kettleBrokenOnArrival(orderId: string, treeVersion: number): OpenDisputeRequest {
  return {
    orderId,
    treeId: 'physical-goods',
    treeVersion,
    path: [
      { nodeId: 'what-went-wrong', optionId: 'does-not-work' },
      { nodeId: 'fault-timing', optionId: 'broken-on-arrival' },
    ],
    outcomeId: 'broken-on-arrival',
    description: 'The kettle leaks at the spout seam from the first filling on.',
    photoIds: [],
    proposals: [{ type: 'replacement' }],
  };
}

describe('The reference server over HTTP', function () {
  describe('reading and writing, from another origin', function () {
    let server: TestServer;
    const { token, call } = client(() => server);

    before(async function () {
      // Starting a server opens a database; on a busy machine that takes more than a test's time.
      this.timeout(60_000);
      server = await startTestServer();
    });
    after(async function () {
      await server?.stop();
    });

    it('runs on another origin than this page', function () {
      expect(new URL(server.baseUrl).origin).not.to.equal(location.origin);
    });

    it('serves an order\'s context to a token minted for it, with an ETag the page may read', async function () {
      const response = await call('GET', '/orders/ord-1001/context', 'ord-1001', 'buyer');
      expect(response.status).to.equal(200);
      expect(response.headers.get('ETag')).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const context = await json<OrderContext>(response);
      expect(context.orderId).to.equal('ord-1001');
      expect(context.role).to.equal('buyer');
      expect(context.price).to.deep.equal({ amount: 6_100, currency: 'EUR' });
      expect(context.tree.id).to.equal('physical-goods');
      expect(context.dispute).to.equal(null);
    });

    it('answers 401 without a token', async function () {
      const response = await fetch(`${server.baseUrl}/orders/ord-1001/context`);
      expect(response.status).to.equal(401);
      expect(response.headers.get('Content-Type')).to.match(/^application\/problem\+json/);
    });

    it('answers 304 without a body when If-None-Match names the current ETag', async function () {
      const first = await call('GET', '/orders/ord-1001/context', 'ord-1001', 'seller');
      const etag = first.headers.get('ETag') ?? '';
      const again = await call('GET', '/orders/ord-1001/context', 'ord-1001', 'seller', { headers: { 'If-None-Match': etag } });
      expect(again.status).to.equal(304);
      expect(again.headers.get('ETag')).to.equal(etag);
      expect(await again.text()).to.equal('');
    });

    it('stores a photo sent as multipart and serves the same bytes at its URL, without a token', async function () {
      const png = await pngOf(4, 3);
      const form = new FormData();
      form.append('file', png, 'lid.png');
      const response = await call('POST', '/orders/ord-1001/photos', 'ord-1001', 'buyer', { body: form, idempotencyKey: crypto.randomUUID() });
      expect(response.status).to.equal(201);
      const photo = await json<Photo>(response);
      expect(photo).to.include({ contentType: 'image/png', width: 4, height: 3, bytes: png.size });

      const served = await fetch(photo.url);
      expect(served.status).to.equal(200);
      expect(served.headers.get('Content-Type')).to.equal('image/png');
      expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await png.arrayBuffer()));
    });

    it('opens one dispute for an Idempotency-Key sent twice, and replays the first answer', async function () {
      const context = await json<OrderContext>(await call('GET', '/orders/ord-1002/context', 'ord-1002', 'buyer'));
      const request = kettleBrokenOnArrival('ord-1002', context.tree.version);
      const idempotencyKey = crypto.randomUUID();

      const first = await call('POST', '/orders/ord-1002/dispute', 'ord-1002', 'buyer', { body: request, idempotencyKey });
      expect(first.status).to.equal(201);
      expect(first.headers.get('Location')).to.equal(`${server.baseUrl}/orders/ord-1002/dispute`);
      expect(first.headers.get('Idempotent-Replayed')).to.equal(null);
      const opened = await json<Dispute>(first);

      const second = await call('POST', '/orders/ord-1002/dispute', 'ord-1002', 'buyer', { body: request, idempotencyKey });
      expect(second.status).to.equal(201);
      expect(second.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(await json<Dispute>(second)).to.deep.equal(opened);

      const other = await call('POST', '/orders/ord-1002/dispute', 'ord-1002', 'buyer', { body: request, idempotencyKey: crypto.randomUUID() });
      expect(other.status).to.equal(409);
      expect((await json<{ dispute: Dispute }>(other)).dispute.id).to.equal(opened.id);
    });

    it('settles an accepted proposal: the dispute ends resolved, and reads back so', async function () {
      const context = await json<OrderContext>(await call('GET', '/orders/ord-1001/context', 'ord-1001', 'buyer'));
      const form = new FormData();
      form.append('file', await pngOf(8, 8), 'carafe.png');
      const photo = await json<Photo>(await call('POST', '/orders/ord-1001/photos', 'ord-1001', 'buyer', { body: form, idempotencyKey: crypto.randomUUID() }));
      const request: OpenDisputeRequest = {
        orderId: 'ord-1001',
        treeId: 'physical-goods',
        treeVersion: context.tree.version,
        path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
        outcomeId: 'damaged-in-transit',
        description: 'The carafe arrived with a crack along its handle.',
        photoIds: [photo.id],
        proposals: [{ type: 'partial_refund', amount: { amount: 1_525, currency: 'EUR' } }, { type: 'replacement' }],
      };
      const opened = await json<Dispute>(await call('POST', '/orders/ord-1001/dispute', 'ord-1001', 'buyer', { body: request, idempotencyKey: crypto.randomUUID() }));
      expect(opened.status).to.equal('awaiting_seller');
      const proposal = opened.proposals[0];
      if (proposal === undefined) throw new Error('the dispute has no proposal');

      const accepted = await call('POST', '/orders/ord-1001/dispute/response', 'ord-1001', 'seller', {
        body: { kind: 'accept', proposalId: proposal.id },
        idempotencyKey: crypto.randomUUID(),
      });
      expect(accepted.status).to.equal(200);
      const resolved = await json<Dispute>(accepted);
      expect(resolved.status).to.equal('resolved');
      expect(resolved.settlement).to.deep.include({ refund: { amount: 1_525, currency: 'EUR' }, payout: { amount: 4_575, currency: 'EUR' }, status: 'paid' });

      // Read again, as the buyer: what the server answers now comes from the database.
      const reread = await call('GET', '/orders/ord-1001/dispute', 'ord-1001', 'buyer');
      expect(reread.status).to.equal(200);
      expect(await json<Dispute>(reread)).to.deep.equal(resolved);
      expect((await json<OrderContext>(await call('GET', '/orders/ord-1001/context', 'ord-1001', 'buyer'))).dispute?.photos.map((p) => p.id)).to.deep.equal([photo.id]);
    });

    it('streams the dispute as server-sent events: the current state at once, then each change', async function () {
      const context = await json<OrderContext>(await call('GET', '/orders/ord-1003/context', 'ord-1003', 'buyer'));
      await call('POST', '/orders/ord-1003/dispute', 'ord-1003', 'buyer', { body: serviceNotDelivered('ord-1003', context.tree.version), idempotencyKey: crypto.randomUUID() });
      const dispute = await call('GET', '/orders/ord-1003/dispute', 'ord-1003', 'buyer');
      const events = dispute.headers.get('Link')?.match(/^<([^>]+)>;\s*rel="events"$/)?.[1];
      expect(events).to.equal(`${server.baseUrl}/orders/ord-1003/dispute/events`);

      const abort = new AbortController();
      const stream = await fetch(events ?? '', { headers: { Authorization: `Bearer ${await token('ord-1003', 'buyer')}` }, signal: abort.signal });
      try {
        expect(stream.headers.get('Content-Type')).to.match(/^text\/event-stream/);
        const next = eventReader(stream);
        expect((await next()).status).to.equal('awaiting_seller');

        await call('POST', '/orders/ord-1003/dispute/response', 'ord-1003', 'seller', {
          body: { kind: 'reject', reason: 'The visit was cancelled by the customer.' },
          idempotencyKey: crypto.randomUUID(),
        });
        expect((await next()).status).to.equal('escalated');
      } finally {
        abort.abort();
      }
    });
  });

  describe('deadlines, on a server whose clock the test moves', function () {
    let server: TestServer;
    const { call } = client(() => server);
    let opened: Dispute;

    before(async function () {
      this.timeout(60_000);
      server = await startTestServer();
      const context = await json<OrderContext>(await call('GET', '/orders/ord-1002/context', 'ord-1002', 'buyer'));
      const response = await call('POST', '/orders/ord-1002/dispute', 'ord-1002', 'buyer', { body: kettleBrokenOnArrival('ord-1002', context.tree.version), idempotencyKey: crypto.randomUUID() });
      opened = await json<Dispute>(response);
    });
    after(async function () {
      await server?.stop();
    });

    it('keeps the dispute with the seller until the deadline', async function () {
      const deadline = Date.parse(opened.idle.at ?? '');
      expect(opened.idle).to.include({ waitingFor: 'seller', then: 'escalate' });
      const moved = await server.advanceClock(deadline - Date.parse(server.startedAt) - 1_000);
      expect(moved.swept).to.equal(0);
      const dispute = await json<Dispute>(await call('GET', '/orders/ord-1002/dispute', 'ord-1002', 'buyer'));
      expect(dispute.status).to.equal('awaiting_seller');
    });

    it('escalates it once the clock passes the seller\'s deadline', async function () {
      const moved = await server.advanceClock(2_000);
      expect(moved.swept).to.equal(1);
      const dispute = await json<Dispute>(await call('GET', '/orders/ord-1002/dispute', 'ord-1002', 'seller'));
      expect(dispute.status).to.equal('escalated');
      expect(dispute.escalation).to.include({ by: 'system', cause: 'seller_deadline', at: opened.idle.at });
      expect(dispute.timeline.map((entry) => entry.type)).to.deep.equal(['opened', 'deadline_lapsed', 'escalated']);
    });

    it('refuses the seller\'s late answer with 409 and the escalated dispute', async function () {
      const late = await call('POST', '/orders/ord-1002/dispute/response', 'ord-1002', 'seller', {
        body: { kind: 'accept', proposalId: opened.proposals[0]?.id ?? '' },
        idempotencyKey: crypto.randomUUID(),
      });
      expect(late.status).to.equal(409);
      expect((await json<{ dispute: Dispute }>(late)).dispute.status).to.equal('escalated');
    });
  });
});

/** Reads `event: dispute` events off a text/event-stream response, one per call. */
function eventReader(response: Response): () => Promise<Dispute> {
  const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
        if (block.split('\n').includes('event: dispute') && data !== '') return JSON.parse(data) as Dispute;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}
