import { expect } from '@open-wc/testing';
import type { Dispute } from '@amicable/protocol';
import { EUR_ORDER, expectProblem, expectStatus, harness, JPY_ORDER, missingPartsRequest, type Harness } from './backend.test-support.js';
import { createEventHub } from './event-hub.js';
import { eventStreamReply } from './event-stream.js';
import { changeOf } from './dispute-records.js';

const EVENTS = `/orders/${EUR_ORDER}/dispute/events`;

/** Reads a text/event-stream block by block. */
function blocks(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    /** The next block (the text before a blank line), or `null` once the stream has ended. */
    async next(): Promise<string | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return block;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** The fields of an event block. */
function parsed(block: string | null): { event: string; id: string; data: Dispute } {
  if (block === null) throw new Error('the stream ended');
  const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
  return { event: fields.event ?? '', id: fields.id ?? '', data: JSON.parse(fields.data ?? 'null') as Dispute };
}

async function stream(h: Harness, abort: AbortController) {
  const response = await h.call('GET', EVENTS, 'seller', { signal: abort.signal });
  expect(response.status).to.equal(200);
  expect(response.headers.get('Content-Type')).to.equal('text/event-stream; charset=utf-8');
  expect(response.headers.get('Cache-Control')).to.equal('no-cache');
  if (response.body === null) throw new Error('no body');
  return blocks(response.body);
}

describe('reference backend: the event stream', function () {
  it('sends the dispute as it stands, then one event per change, each with the ETag a read would give', async function () {
    const h = await harness();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const read = await h.endpoint('getDispute', 'buyer');
    const abort = new AbortController();
    const events = await stream(h, abort);
    const first = parsed(await events.next());
    expect(first).to.deep.equal({ event: 'dispute', id: read.headers.get('ETag'), data: await read.json() });

    const countered = await h.endpoint('respond', 'seller', { kind: 'counter', resolution: { type: 'partial_refund', amount: { amount: 500, currency: 'EUR' } } });
    const second = parsed(await events.next());
    expect(second.id).to.equal(countered.headers.get('ETag'));
    expect(second.data).to.deep.equal(await countered.json());

    const accepted = await expectStatus<Dispute>(await h.endpoint('answerCounter', 'buyer', { answer: 'accept' }), 200);
    expect(parsed(await events.next()).data.status).to.equal('settling');
    expect(parsed(await events.next()).data).to.deep.equal(accepted);
    abort.abort();
  });

  it("sends only this order's changes", async function () {
    const h = await harness();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const abort = new AbortController();
    const events = await stream(h, abort);
    await events.next();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest({ orderId: JPY_ORDER, proposals: [{ type: 'replacement' }] }), { orderId: JPY_ORDER }), 201);
    await expectStatus(await h.endpoint('withdraw', 'buyer', {}), 200);
    const next = parsed(await events.next());
    expect(next.data.orderId).to.equal(EUR_ORDER);
    expect(next.data.status).to.equal('withdrawn');
    abort.abort();
  });

  it('ends cleanly when the request is aborted, and later changes go on', async function () {
    const h = await harness();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const abort = new AbortController();
    const events = await stream(h, abort);
    await events.next();
    abort.abort();
    expect(await events.next()).to.equal(null);
    await expectStatus(await h.endpoint('withdraw', 'buyer', {}), 200);
  });

  it("ends when the caller's token expires: a stream never outlives the right to read it", async function () {
    const h = await harness();
    await expectStatus(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const token = await h.backend.mintToken(EUR_ORDER, 'seller', 1);
    const response = await h.call('GET', EVENTS, null, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).to.equal(200);
    if (response.body === null) throw new Error('no body');
    const events = blocks(response.body);
    expect(parsed(await events.next()).event).to.equal('dispute');
    expect(await events.next(), 'the stream ends at the expiry, a second later').to.equal(null);
  });

  it('answers 404 when there is no dispute, and asks for a token like a read', async function () {
    const h = await harness();
    await expectProblem(await h.call('GET', EVENTS, 'buyer'), 404, 'not-found');
    await expectProblem(await h.call('GET', EVENTS, null), 401, 'unauthorized');
  });

  it('sends a keep-alive comment at its interval between events, and stops when the reader cancels', async function () {
    const hub = createEventHub();
    const h = await harness();
    const dispute = await expectStatus<Dispute>(await h.endpoint('openDispute', 'buyer', missingPartsRequest()), 201);
    const reply = eventStreamReply(await changeOf(dispute), hub, new AbortController().signal, 5);
    const events = blocks(reply.body as ReadableStream<Uint8Array>);
    expect(parsed(await events.next()).data).to.deep.equal(dispute);
    expect(await events.next()).to.equal(': keep-alive');
    const changed = await changeOf({ ...dispute, status: 'withdrawn' });
    hub.publish(changed);
    hub.publish(changed);
    hub.publish(await changeOf({ ...dispute, status: 'escalated' }));
    const statuses: string[] = [];
    while (statuses.length < 2) {
      const block = await events.next();
      if (block !== ': keep-alive') statuses.push(parsed(block).data.status);
    }
    expect(statuses, 'the repeated change is sent once').to.deep.equal(['withdrawn', 'escalated']);
    await events.cancel();
    // A change after the reader has gone is no error for whoever makes it.
    hub.publish(await changeOf({ ...dispute, status: 'resolved' }));
  });
});
