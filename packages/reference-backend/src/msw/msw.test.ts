import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { OrderContext, type Dispute, type Photo } from '@amicable/protocol';
import { createReferenceBackend, type ReferenceBackend } from '../backend.js';
import { createMemoryStore } from '../memory-store.js';
import { referenceSeed } from '../seed.js';
import { droppedConnection, latency, malformedBody, referenceHandlers, routeNameOf, serverError } from './index.js';

const BASE = `${location.origin}/reference-api`;
const ORDER = 'ord-1001';

describe('msw adapter', function () {
  let backend: ReferenceBackend;
  let worker: ReturnType<typeof setupWorker>;
  let auth: Record<string, string>;

  before(async function () {
    backend = createReferenceBackend({ store: createMemoryStore(), secret: 'msw-secret', baseUrl: BASE });
    await backend.seed(referenceSeed);
    worker = setupWorker(...referenceHandlers(backend, { baseUrl: BASE }));
    await worker.start({ onUnhandledRequest: 'error', quiet: true });
  });

  beforeEach(async function () {
    auth = { Authorization: `Bearer ${await backend.mintToken(ORDER, 'buyer')}` };
  });

  afterEach(function () {
    worker.resetHandlers();
  });

  after(function () {
    worker.stop();
  });

  const context = () => fetch(`${BASE}/orders/${ORDER}/context`, { headers: auth });
  const dispute = () => fetch(`${BASE}/orders/${ORDER}/dispute`, { headers: auth });

  it('serves the backend to fetch: reads, writes, photo uploads and photos', async function () {
    const read = await context();
    expect(read.status).to.equal(200);
    const order = OrderContext.parse(await read.json());
    expect(order.orderId).to.equal(ORDER);

    const canvas = new OffscreenCanvas(8, 6);
    canvas.getContext('2d')?.fillRect(0, 0, 8, 6);
    const form = new FormData();
    form.append('file', await canvas.convertToBlob({ type: 'image/png' }), 'box.png');
    const uploaded = await fetch(`${BASE}/orders/${ORDER}/photos`, { method: 'POST', headers: { ...auth, 'Idempotency-Key': 'msw-photo' }, body: form });
    expect(uploaded.status).to.equal(201);
    const photo = (await uploaded.json()) as Photo;
    const served = await fetch(photo.url);
    expect(served.headers.get('Content-Type')).to.equal('image/png');
    expect((await served.arrayBuffer()).byteLength).to.equal(photo.bytes);

    const outcome = order.tree.nodes['missing-parts'];
    expect(outcome?.kind).to.equal('outcome');
    const opened = await fetch(`${BASE}/orders/${ORDER}/dispute`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': 'msw-open' },
      body: JSON.stringify({
        orderId: ORDER,
        treeId: order.tree.id,
        treeVersion: order.tree.version,
        path: [{ nodeId: 'what-went-wrong', optionId: 'missing-parts' }],
        outcomeId: 'missing-parts',
        description: 'Two of the four filters packs were not in the parcel.',
        photoIds: [photo.id],
        proposals: [{ type: 'replacement' }],
      }),
    });
    expect(opened.status).to.equal(201);
    expect(opened.headers.get('Location')).to.equal(`${BASE}/orders/${ORDER}/dispute`);
    expect(((await opened.json()) as Dispute).photos).to.deep.equal([photo]);
    expect((await dispute()).status).to.equal(200);
  });

  it('streams the dispute events through the worker', async function () {
    const yen = 'ord-1002';
    const headers = { Authorization: `Bearer ${await backend.mintToken(yen, 'buyer')}` };
    const opened = await fetch(`${BASE}/orders/${yen}/dispute`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'msw-open-yen' },
      body: JSON.stringify({
        orderId: yen,
        treeId: 'physical-goods',
        treeVersion: 1,
        path: [{ nodeId: 'what-went-wrong', optionId: 'missing-parts' }],
        outcomeId: 'missing-parts',
        description: 'The lid of the kettle was not in the box.',
        photoIds: [],
        proposals: [{ type: 'replacement' }],
      }),
    });
    expect(opened.status).to.equal(201);
    const abort = new AbortController();
    const events = await fetch(`${BASE}/orders/${yen}/dispute/events`, { headers, signal: abort.signal });
    expect(events.headers.get('Content-Type')).to.equal('text/event-stream; charset=utf-8');
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextEvent = async (): Promise<Dispute> => {
      while (!text.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += decoder.decode(value, { stream: true });
      }
      const [block = '', ...rest] = text.split('\n\n');
      text = rest.join('\n\n');
      return JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))?.slice(6) ?? 'null') as Dispute;
    };
    expect((await nextEvent()).status).to.equal('awaiting_seller');
    const withdrawn = await fetch(`${BASE}/orders/${yen}/dispute/withdrawal`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'msw-withdraw-yen' },
      body: '{}',
    });
    expect(withdrawn.status).to.equal(200);
    expect((await nextEvent()).status).to.equal('withdrawn');
    abort.abort();
  });

  it('names the route of a request from the base URL', function () {
    expect(routeNameOf(new Request(`${BASE}/orders/${ORDER}/dispute/rating`, { method: 'POST' }), BASE)).to.equal('rate');
    expect(routeNameOf(new Request(`${location.origin}/elsewhere/orders/${ORDER}/context`), BASE)).to.equal(null);
  });

  it('serverError answers the first `times` matching requests with the status and Retry-After, then lets them through', async function () {
    worker.use(serverError({ status: 503, retryAfter: 2, endpoint: 'getContext', times: 2 }));
    const first = await context();
    expect(first.status).to.equal(503);
    expect(first.headers.get('Retry-After')).to.equal('2');
    expect(first.headers.get('Content-Type')).to.equal('application/problem+json');
    expect(((await first.json()) as { type: string }).type).to.equal('urn:amicable:problem:unavailable');
    expect((await dispute()).status, 'another endpoint is not touched').not.to.equal(503);
    expect((await context()).status).to.equal(503);
    expect((await context()).status).to.equal(200);
    expect((await context()).status).to.equal(200);
  });

  it('serverError without times fails every matching request, with 500 by default', async function () {
    worker.use(serverError({ endpoint: 'getContext' }));
    for (let i = 0; i < 3; i += 1) expect((await context()).status).to.equal(500);
  });

  it('malformedBody answers 200 with a body that is not JSON, exactly `times` times, on any route by default', async function () {
    worker.use(malformedBody({ times: 1 }));
    const broken = await dispute();
    expect(broken.status).to.equal(200);
    let error: unknown;
    try {
      await broken.json();
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SyntaxError);
    expect((await context()).status).to.equal(200);
    expect(OrderContext.safeParse(await (await context()).json()).success).to.equal(true);
  });

  it('droppedConnection makes fetch reject, exactly `times` times', async function () {
    worker.use(droppedConnection({ endpoint: 'getContext', times: 2, baseUrl: BASE }));
    for (let i = 0; i < 2; i += 1) {
      let error: unknown;
      try {
        await context();
      } catch (caught) {
        error = caught;
      }
      expect(error, `attempt ${i + 1}`).to.be.instanceOf(TypeError);
    }
    expect((await context()).status).to.equal(200);
  });

  it('latency holds the first `times` matching requests back, and the next go straight through', async function () {
    worker.use(latency(60_000, { endpoint: 'getContext', times: 1 }));
    const abort = new AbortController();
    let settled = false;
    const held = fetch(`${BASE}/orders/${ORDER}/context`, { headers: auth, signal: abort.signal }).finally(() => (settled = true));
    const next = await context();
    expect(next.status).to.equal(200);
    expect(settled, 'the first request is still held back').to.equal(false);
    abort.abort();
    let error: unknown;
    try {
      await held;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).name).to.equal('AbortError');
  });
});
