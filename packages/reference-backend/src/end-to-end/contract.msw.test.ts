import { expect } from '@open-wc/testing';
import { createClient } from '@amicable/client';
import { ProblemType, type Role } from '@amicable/protocol';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createReferenceBackend, type ReferenceBackend } from '../backend.js';
import type { PaymentsPort, PayoutSplit } from '../backend-context.js';
import { createFakeClock } from '../fake-clock.js';
import { createMemoryStore } from '../memory-store.js';
import { droppedConnection, latency, malformedBody, referenceHandlers, serverError } from '../msw/index.js';
import { referenceSeed } from '../seed.js';
import { damagedRequest, describeContract, EUR_ORDER, expectFailure, jpegPhoto, notDeliveredRequest } from './contract.test-support.js';

const baseUrl = 'https://mediation.test/api';
const worker = setupWorker();

async function freshBackend(payments?: PaymentsPort): Promise<ReferenceBackend & { advance(ms: number): Promise<void> }> {
  const clock = createFakeClock('2026-11-26T09:00:00.000Z');
  const backend = createReferenceBackend({
    store: createMemoryStore(),
    secret: 'contract-secret',
    baseUrl,
    clock,
    ...(payments === undefined ? {} : { payments }),
  });
  await backend.seed(referenceSeed);
  worker.resetHandlers(...referenceHandlers(backend, { baseUrl }));
  return Object.assign(backend, {
    async advance(ms: number) {
      clock.advance(ms);
      await backend.sweep();
    },
  });
}

before(() => worker.start({ onUnhandledRequest: 'error', quiet: true }));
after(() => worker.stop());

// The same handler, served by msw in the page: a memory store and a fake clock, fresh for each test.
describeContract('msw handlers on the memory store', async () => {
  const backend = await freshBackend();
  return {
    baseUrl,
    token: (orderId, role, ttlSeconds) => backend.mintToken(orderId, role, ttlSeconds),
    advanceClock: (ms) => backend.advance(ms),
    close: async () => {},
  };
});

describe('faults between the client and the reference backend (msw)', () => {
  let backend: Awaited<ReturnType<typeof freshBackend>>;
  const client = (role: Role) =>
    createClient({
      baseUrl,
      getToken: ({ orderId }) => backend.mintToken(orderId, role),
      sleep: () => Promise.resolve(),
      // Long enough for any answer on a loaded machine; only the request held forever runs into it.
      timeoutMs: 1_500,
    });

  beforeEach(async () => {
    backend = await freshBackend();
  });

  it('opens exactly one dispute when the backend opened it but the answer was lost on the way back', async () => {
    let lost = 0;
    worker.use(
      http.post(`${baseUrl}/orders/:orderId/dispute`, async ({ request }) => {
        if (lost > 0) return undefined;
        lost += 1;
        await backend.handle(request.clone());
        return HttpResponse.error();
      }),
    );
    const dispute = await client('buyer').openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER));
    expect(lost).to.equal(1);
    expect((await client('seller').getDispute(EUR_ORDER)).id).to.equal(dispute.id);
  });

  it('opens exactly one dispute through dropped connections, 500s, a 503 with Retry-After and a timeout', async () => {
    worker.use(
      droppedConnection({ endpoint: 'openDispute', times: 1, baseUrl }),
      serverError({ endpoint: 'openDispute', times: 1, baseUrl }),
      serverError({ endpoint: 'openDispute', status: 503, retryAfter: 1, times: 1, baseUrl }),
    );
    const dispute = await client('buyer').openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER));
    expect(dispute.status).to.equal('awaiting_seller');
    worker.use(latency('infinite', { endpoint: 'getDispute', times: 1, baseUrl }));
    expect((await client('seller').getDispute(EUR_ORDER)).id).to.equal(dispute.id);
  });

  it('surfaces a malformed answer as such, and the next read succeeds', async () => {
    worker.use(malformedBody({ endpoint: 'getContext', times: 1, baseUrl }));
    await expectFailure(client('buyer').getContext(EUR_ORDER), 'malformed');
    expect((await client('buyer').getContext(EUR_ORDER)).orderId).to.equal(EUR_ORDER);
  });

  it('stops retrying a backend that keeps failing, and the dispute is opened by the caller\'s next try with the same key', async () => {
    worker.use(serverError({ endpoint: 'openDispute', baseUrl, times: 10 }));
    const buyer = client('buyer');
    await expectFailure(buyer.openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER), { idempotencyKey: 'k-1' }), 'http', ProblemType.internal);
    worker.resetHandlers(...referenceHandlers(backend, { baseUrl }));
    const opened = await buyer.openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER), { idempotencyKey: 'k-1' });
    const again = await buyer.openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER), { idempotencyKey: 'k-1' });
    expect(again).to.deep.equal(opened);
  });

  it('retries a photo upload whose connection dropped, and the buyer opens the dispute with it', async () => {
    worker.use(droppedConnection({ endpoint: 'uploadPhoto', times: 1, baseUrl }));
    const buyer = client('buyer');
    const photo = await buyer.uploadPhoto(EUR_ORDER, await jpegPhoto());
    const dispute = await buyer.openDispute(
      EUR_ORDER,
      damagedRequest(EUR_ORDER, [photo.id], [{ type: 'replacement' }]),
    );
    expect(dispute.photos.map((p) => p.id)).to.deep.equal([photo.id]);
  });
});

describe('settlement through the host\'s payment system (msw)', () => {
  it('records a payout the payment system refused, and support retries the same split until it is paid', async () => {
    const payouts: PayoutSplit[] = [];
    const backend = await freshBackend({
      async payOut(split) {
        payouts.push(split);
        return payouts.length === 1 ? { ok: false, reason: 'the seller\'s bank account is closed' } : { ok: true };
      },
    });
    const client = (role: Role) =>
      createClient({ baseUrl, getToken: ({ orderId }) => backend.mintToken(orderId, role), sleep: () => Promise.resolve() });
    const opened = await client('buyer').openDispute(EUR_ORDER, notDeliveredRequest(EUR_ORDER));
    const failed = await client('seller').respond(EUR_ORDER, { kind: 'accept', proposalId: opened.proposals[0]!.id });
    expect(failed.status).to.equal('settlement_failed');
    expect(failed.settlement?.failureReason).to.equal('the seller\'s bank account is closed');
    await expectFailure(client('seller').retrySettlement(EUR_ORDER), 'http', ProblemType.forbiddenRole);
    const paid = await client('support').retrySettlement(EUR_ORDER);
    expect(paid.status).to.equal('resolved');
    expect(paid.settlement?.status).to.equal('paid');
    expect(payouts).to.deep.equal([
      { orderId: EUR_ORDER, refund: { amount: 6_100, currency: 'EUR' }, payout: { amount: 0, currency: 'EUR' } },
      { orderId: EUR_ORDER, refund: { amount: 6_100, currency: 'EUR' }, payout: { amount: 0, currency: 'EUR' } },
    ]);
  });
});
