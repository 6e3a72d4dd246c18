// An integrator's own test, in Node: the buyer's intake machine submits through the client, the
// seller answers, and every request is answered by the reference backend inside msw — no server,
// no browser. Copy this shape to test a host's own code against the contract.
//
//   pnpm run build && node --test examples/node-msw/
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { createClient } from '@amicable/client';
import { intakeMachine } from '@amicable/machine';
import { createFakeClock, createMemoryStore, createReferenceBackend, referenceSeed } from '@amicable/reference-backend';
import { droppedConnection, referenceHandlers, serverError } from '@amicable/reference-backend/msw';
import { setupServer } from 'msw/node';
import { createActor, fromPromise, waitFor } from 'xstate';

const baseUrl = 'https://shop.example/api/mediation';
const orderId = 'ord-1001';
const server = setupServer();
let backend;
let clock;

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  clock = createFakeClock('2026-11-26T09:00:00Z');
  backend = createReferenceBackend({ store: createMemoryStore(), secret: 'example-secret', baseUrl, clock });
  await backend.seed(referenceSeed);
  server.resetHandlers(...referenceHandlers(backend, { baseUrl }));
});
afterEach(() => server.resetHandlers());

/** The client as the host wires it for one role: its server mints the token. */
function clientFor(role) {
  return createClient({ baseUrl, getToken: ({ orderId: order }) => backend.mintToken(order, role), sleep: async () => {} });
}

/** The buyer's intake, submitting through the client, walked to a dispute over a lost parcel. */
async function buyerOpensDispute(client) {
  const context = await client.getContext(orderId);
  const intake = createActor(
    intakeMachine.provide({
      actors: {
        submitDispute: fromPromise(({ input, signal }) =>
          client.openDispute(input.request.orderId, input.request, { idempotencyKey: input.idempotencyKey, signal })),
      },
    }),
    { input: { orderId, tree: context.tree, price: context.price } },
  ).start();
  intake.send({ type: 'ANSWER', optionId: 'not-received' });
  intake.send({ type: 'ANSWER', optionId: 'no-tracking' });
  intake.send({ type: 'NEXT' }); // no description needed
  intake.send({ type: 'NEXT' }); // no photos needed
  intake.send({ type: 'TOGGLE_PROPOSAL', resolutionType: 'full_refund' });
  intake.send({ type: 'NEXT' });
  intake.send({ type: 'SUBMIT', key: crypto.randomUUID() });
  const done = await waitFor(intake, (snapshot) => snapshot.status === 'done' || snapshot.matches('failed'));
  assert.equal(done.status, 'done', `the intake did not finish: ${JSON.stringify(done.value)}`);
  return done.context.dispute;
}

test('the buyer opens a dispute through the intake and the seller accepts: the full refund is paid', async () => {
  const dispute = await buyerOpensDispute(clientFor('buyer'));
  assert.equal(dispute.status, 'awaiting_seller');
  const [proposal] = dispute.proposals;
  const settled = await clientFor('seller').respond(orderId, { kind: 'accept', proposalId: proposal.id });
  assert.equal(settled.status, 'resolved');
  assert.deepEqual(settled.settlement.refund, { amount: 6_100, currency: 'EUR' });
});

test('a flaky network opens exactly one dispute: dropped connections and 503s are retried with one key', async () => {
  server.use(
    droppedConnection({ endpoint: 'openDispute', times: 1, baseUrl }),
    serverError({ endpoint: 'openDispute', status: 503, retryAfter: 1, times: 1, baseUrl }),
  );
  const keys = [];
  const record = ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/dispute')) keys.push(request.headers.get('Idempotency-Key'));
  };
  server.events.on('request:start', record);
  const dispute = await buyerOpensDispute(clientFor('buyer'));
  server.events.removeListener('request:start', record);
  assert.equal(keys.length, 3, 'one try failed at the network, one got a 503, the third opened the dispute');
  assert.equal(new Set(keys).size, 1, 'every try carried the same Idempotency-Key');
  const seen = await clientFor('seller').getDispute(orderId);
  assert.equal(seen.id, dispute.id);
});

test('the seller\'s silence lapses on the backend\'s clock: the buyer\'s full refund is accepted', async () => {
  await buyerOpensDispute(clientFor('buyer'));
  clock.advance(72 * 3_600_000);
  await backend.sweep();
  const lapsed = await clientFor('buyer').getDispute(orderId);
  assert.equal(lapsed.status, 'resolved');
  assert.equal(lapsed.settlement.decidedBy, 'system');
});
