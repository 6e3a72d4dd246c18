// One dispute from start to payout, the way a backend and a buyer's widget drive the headless core:
// the buyer's intake submits a request, the backend opens the dispute and applies each party's
// action through the lifecycle, and the money is split by the protocol's one function.
//
//   pnpm run build && node examples/headless-backend/settle-a-dispute.mjs
import { applyLifecycleEvent, intakeMachine, lapseIfDue, openDispute } from '@amicable/machine';
import { formatMoney, localize, physicalGoodsTree, validateTree } from '@amicable/protocol';
import { createActor, fromPromise, waitFor } from 'xstate';

const tree = physicalGoodsTree;
const price = { amount: 4_999, currency: 'EUR' };
const locale = process.argv[2] ?? 'en';
const hours = (h) => new Date(Date.UTC(2026, 10, 2, 9) + h * 3_600_000).toISOString();
const money = (m) => formatMoney(m, locale);

const checked = validateTree(tree);
if (!checked.ok) throw new Error(`the tree is invalid: ${JSON.stringify(checked.faults)}`);

// The backend: one dispute in memory, every change made by the lifecycle.
let stored;
function act(event) {
  const current = lapseIfDue(stored, tree, event.at);
  if (!current.ok) throw new Error(`cannot read the dispute: ${JSON.stringify(current.refusal)}`);
  const result = applyLifecycleEvent(current.dispute, tree, event);
  if (!result.ok) throw new Error(`refused ${event.type}: ${JSON.stringify(result.refusal)}`);
  stored = result.dispute;
}

// The buyer's widget: the intake machine, with the backend wired in as its submit actor.
const intake = createActor(
  intakeMachine.provide({
    actors: {
      submitDispute: fromPromise(async ({ input }) => {
        const photos = input.photoIds.map((id) => ({
          id, url: `https://cdn.example/${id}.jpg`, contentType: 'image/jpeg', width: 2048, height: 1536, bytes: 412_000,
        }));
        const opened = openDispute({ id: 'd-1', request: input, tree, price, photos, at: hours(0) });
        if (!opened.ok) throw new Error(`refused to open: ${JSON.stringify(opened.refusal)}`);
        stored = opened.dispute;
        return stored;
      }),
    },
  }),
  { input: { orderId: 'o-1', tree, price } },
).start();

intake.send({ type: 'ANSWER', optionId: 'damaged' });
intake.send({ type: 'SET_DESCRIPTION', text: 'The lamp shade arrived with a crack along one side.' });
intake.send({ type: 'NEXT' });
intake.send({ type: 'ATTACH_PHOTO', photo: { id: 'ph-1', name: 'crack.jpg' } });
intake.send({ type: 'NEXT' });
intake.send({ type: 'TOGGLE_PROPOSAL', resolutionType: 'partial_refund' });
intake.send({ type: 'NEXT' });
intake.send({ type: 'SUBMIT' });
const done = await waitFor(intake, (s) => s.matches('submitted') || s.matches('failed'));
if (done.matches('failed')) throw new Error(`the intake failed: ${done.context.error?.message}`);

const outcome = tree.nodes[stored.outcomeId];
console.log(`Opened: "${localize(outcome.title, locale, tree.fallbackLocale)}", ${stored.status}`);
console.log(`The buyer proposes a refund of ${money(stored.proposals[0].resolution.amount)} of ${money(price)}.`);
console.log(`If the seller does nothing by ${stored.idle.at}: ${stored.idle.then}.`);

act({ type: 'COUNTER', role: 'seller', at: hours(20), resolution: { type: 'partial_refund', amount: { amount: 800, currency: 'EUR' } } });
console.log(`The seller counters with ${money(stored.counterOffer.resolution.amount)}; now ${stored.status} until ${stored.idle.at}.`);

act({ type: 'ACCEPT', role: 'buyer', at: hours(30) });
act({ type: 'SETTLED', role: 'system', at: hours(31) });
const { refund, payout } = stored.settlement;
console.log(`Settled: the buyer is refunded ${money(refund)}, the seller receives ${money(payout)} (${stored.status}).`);

console.log('\nTimeline:');
for (const entry of stored.timeline) console.log(`  ${entry.at}  ${entry.actor.padEnd(6)}  ${entry.type}`);
