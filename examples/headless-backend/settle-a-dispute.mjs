// One dispute from start to payout, the way a backend and the two widgets drive the headless core:
// the buyer's intake submits a request, the backend opens the dispute; the seller's response flow
// sends a counter-offer, the backend applies it through the lifecycle; the buyer accepts; the money
// is split by the protocol's one function.
//
//   pnpm run build && node examples/headless-backend/settle-a-dispute.mjs [locale]
import { randomUUID } from 'node:crypto';
import {
  applyLifecycleEvent,
  intakeMachine,
  lapseIfDue,
  openDispute,
  responseMachine,
  sellerResponseAction,
} from '@amicable/machine';
import { formatMoney, localize, physicalGoodsTree, validateTree } from '@amicable/protocol';
import { createActor, fromPromise, waitFor } from 'xstate';

const tree = physicalGoodsTree;
const price = { amount: 4_999, currency: 'EUR' };
const locale = process.argv[2] ?? 'en';
const hours = (h) => new Date(Date.UTC(2026, 10, 2, 9) + h * 3_600_000).toISOString();
const money = (m) => formatMoney(m, locale);

const checked = validateTree(tree);
if (!checked.ok) throw new Error(`the tree is invalid: ${JSON.stringify(checked.faults)}`);

// ---- The backend: one dispute in memory, every change made by the lifecycle. ----
let stored;
const seen = new Map(); // idempotency key -> the dispute it produced: a retried request changes nothing

function open({ request, idempotencyKey }) {
  if (seen.has(idempotencyKey)) return seen.get(idempotencyKey);
  const photos = request.photoIds.map((id) => ({
    id, url: `https://cdn.example/${id}.jpg`, contentType: 'image/jpeg', width: 2048, height: 1536, bytes: 412_000,
  }));
  const opened = openDispute({ id: 'd-1', request, tree, price, photos, at: hours(0) });
  if (!opened.ok) throw new Error(`refused to open: ${JSON.stringify(opened.refusal)}`);
  seen.set(idempotencyKey, (stored = opened.dispute));
  return stored;
}

function act(event, idempotencyKey = randomUUID()) {
  if (seen.has(idempotencyKey)) return seen.get(idempotencyKey);
  const current = lapseIfDue(stored, tree, event.at);
  if (!current.ok) throw new Error(`cannot read the dispute: ${JSON.stringify(current.refusal)}`);
  const result = applyLifecycleEvent(current.dispute, tree, event);
  if (!result.ok) throw new Error(`refused ${event.type}: ${JSON.stringify(result.refusal)}`);
  seen.set(idempotencyKey, (stored = result.dispute));
  return stored;
}

// ---- The buyer's widget: the intake machine, with the backend as its submit actor. ----
const intake = createActor(
  intakeMachine.provide({ actors: { submitDispute: fromPromise(async ({ input }) => open(input)) } }),
  { input: { orderId: 'o-1', tree, price } },
).start();

intake.send({ type: 'ANSWER', optionId: 'damaged' });
intake.send({ type: 'SET_DESCRIPTION', text: 'The lamp shade arrived with a crack along one side.' });
intake.send({ type: 'NEXT' });
intake.send({ type: 'ATTACH_PHOTO', photo: { id: 'ph-1', name: 'crack.jpg' } });
intake.send({ type: 'NEXT' });
intake.send({ type: 'TOGGLE_PROPOSAL', resolutionType: 'partial_refund' });
intake.send({ type: 'NEXT' });
intake.send({ type: 'SUBMIT', key: randomUUID() });
const submitted = await waitFor(intake, (s) => s.matches('submitted') || s.matches('failed'));
if (submitted.matches('failed')) throw new Error(`the intake failed: ${submitted.context.error?.message}`);

const outcome = tree.nodes[stored.outcomeId];
console.log(`Opened: "${localize(outcome.title, locale, tree.fallbackLocale)}", ${stored.status}`);
console.log(`The buyer proposes a refund of ${money(stored.proposals[0].resolution.amount)} of ${money(price)}.`);
console.log(`If the seller does nothing by ${stored.idle.at}: ${stored.idle.then}.`);

// ---- The seller's widget: the response machine, with the backend as its respond actor. ----
const response = createActor(
  responseMachine.provide({
    actors: {
      respond: fromPromise(async ({ input }) => act(sellerResponseAction(input.response, hours(20)), input.idempotencyKey)),
    },
  }),
  { input: { dispute: stored, tree } },
).start();

response.send({ type: 'CHOOSE_COUNTER' }); // starts at a valid amount between the minimum and the buyer's
response.send({ type: 'CONTINUE' });
response.send({ type: 'CONFIRM', key: randomUUID() });
const answered = await waitFor(response, (s) => s.matches('done') || s.matches('failed'));
if (answered.matches('failed')) throw new Error(`the response failed: ${answered.context.error?.message}`);
console.log(`The seller counters with ${money(stored.counterOffer.resolution.amount)}; now ${stored.status} until ${stored.idle.at}.`);

// ---- The buyer takes the counter-offer; the host's payment system pays out. ----
act({ type: 'ACCEPT', role: 'buyer', at: hours(30) });
act({ type: 'SETTLED', role: 'system', at: hours(31) });
const { refund, payout } = stored.settlement;
console.log(`Settled: the buyer is refunded ${money(refund)}, the seller receives ${money(payout)} (${stored.status}).`);

console.log('\nTimeline:');
for (const entry of stored.timeline) console.log(`  ${entry.at}  ${entry.actor.padEnd(6)}  ${entry.type}`);
