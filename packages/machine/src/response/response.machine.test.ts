import { expect } from '@open-wc/testing';
import {
  concreteBounds,
  defaultResolution,
  Dispute,
  OutcomeNode,
  outcomeOf,
  percentOf,
  physicalGoodsTree,
  SellerResponse,
  validateTree,
  type DisputeStatus,
  type Money,
  type Resolution,
  type ResolutionOption,
} from '@amicable/protocol';
import fc from 'fast-check';
import { createActor, fromPromise, initialTransition, transition, waitFor, type ActorRefFrom } from 'xstate';
import { responseMachine, type RespondInput, type RespondResult, type ResponseEvent, type ResponseInput } from './response.machine.js';
import {
  canContinue,
  choices,
  closedBecause,
  counterError,
  counterMessageError,
  pendingResponse,
  proposalSplits,
  reasonError,
  splitPreview,
  submitError,
  summary,
  type ResponseSnapshot,
} from './response.selectors.js';
import { damagedOutcome, disputeFixture, proposalsOf, treeWith } from './response.test-fixtures.js';

const money = (amount: number, currency = 'EUR'): Money => ({ amount, currency });
const partial = (amount: number, currency = 'EUR'): Resolution => ({ type: 'partial_refund', amount: money(amount, currency) });


const chooseAccept = (proposalId: string): ResponseEvent => ({ type: 'CHOOSE_ACCEPT', proposalId });
const setCounter = (resolution: Resolution): ResponseEvent => ({ type: 'SET_COUNTER', resolution });
const setMessage = (message: string): ResponseEvent => ({ type: 'SET_COUNTER_MESSAGE', message });
const setReason = (reason: string): ResponseEvent => ({ type: 'SET_REASON', reason });
const CHOOSE_COUNTER: ResponseEvent = { type: 'CHOOSE_COUNTER' };
const CHOOSE_REJECT: ResponseEvent = { type: 'CHOOSE_REJECT' };
const CONTINUE: ResponseEvent = { type: 'CONTINUE' };
const BACK: ResponseEvent = { type: 'BACK' };
const CONFIRM: ResponseEvent = { type: 'CONFIRM', key: 'key-1' };
/** `CONFIRM` with its own idempotency key, as the element sends it (`crypto.randomUUID()`). */
const confirmWith = (key: string): ResponseEvent => ({ type: 'CONFIRM', key });
const RETRY: ResponseEvent = { type: 'RETRY' };

const REASON = 'The shade was intact when I packed it; the carrier has been notified.';

function inputOf(dispute: Dispute = disputeFixture(), outcome: OutcomeNode = damagedOutcome): ResponseInput {
  return { dispute, tree: treeWith(outcome) };
}

/** The snapshot after `events`, computed with the pure transition function (no actor runs). */
function run(events: readonly ResponseEvent[], input: ResponseInput = inputOf()): ResponseSnapshot {
  let [snapshot] = initialTransition(responseMachine, input);
  for (const event of events) [snapshot] = transition(responseMachine, snapshot, event);
  return snapshot;
}

/** Paths from the start to each step, on the EUR fixture. */
const AT = {
  reviewing: [],
  accepting: [chooseAccept('p-full')],
  countering: [CHOOSE_COUNTER],
  rejecting: [CHOOSE_REJECT],
  confirmingAccept: [chooseAccept('p-full'), CONTINUE],
  confirmingCounter: [CHOOSE_COUNTER, setCounter(partial(1200)), setMessage('Would 12 EUR work?'), CONTINUE],
  confirmingReject: [CHOOSE_REJECT, setReason(REASON), CONTINUE],
  submitting: [chooseAccept('p-full'), CONTINUE, CONFIRM],
} satisfies Record<string, readonly ResponseEvent[]>;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A machine whose `respond` records each response it is given, and the idempotency key it comes
 * with, and answers with `answer`.
 */
function machineAnswering(answer: (response: SellerResponse, call: number, signal: AbortSignal) => Promise<RespondResult>) {
  const sent: SellerResponse[] = [];
  const keys: string[] = [];
  const machine = responseMachine.provide({
    actors: {
      respond: fromPromise<RespondResult, RespondInput>(({ input, signal }) => {
        sent.push(input.response);
        keys.push(input.idempotencyKey);
        return answer(input.response, sent.length, signal);
      }),
    },
  });
  return { machine, sent, keys };
}

/** The snapshot once sending has finished, one way or the other. */
function settled(actor: ActorRefFrom<typeof responseMachine>): Promise<ResponseSnapshot> {
  return waitFor(actor, (s) => !s.matches('submitting'));
}

class ProblemError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

describe('response machine (the seller answers the buyer\'s proposals)', () => {
  describe('fixtures', () => {
    it('are a valid dispute and outcome in every currency used below', () => {
      for (const price of [money(4999), money(12_800, 'JPY'), money(7250, 'KWD')]) {
        const dispute = disputeFixture({ price, proposals: proposalsOf(money(1000, price.currency)) });
        expect(Dispute.safeParse(dispute).success, price.currency).to.equal(true);
      }
      expect(OutcomeNode.safeParse(damagedOutcome).success).to.equal(true);
      expect(validateTree(treeWith()).ok).to.equal(true);
    });
  });

  describe('start', () => {
    it('reviews the proposals when the dispute awaits the seller, offering all three answers', () => {
      const snapshot = run([]);
      expect(snapshot.value).to.equal('reviewing');
      expect(choices(snapshot)).to.deep.equal(['accept', 'counter', 'reject']);
      expect(splitPreview(snapshot)).to.equal(null);
      expect(summary(snapshot)).to.equal(null);
    });

    const closedStatuses: DisputeStatus[] = ['awaiting_buyer', 'escalated', 'settling', 'settlement_failed', 'resolved', 'withdrawn'];
    for (const status of closedStatuses) {
      it(`is closed, offering nothing and ignoring every event, when the dispute is ${status}`, () => {
        const input = inputOf(disputeFixture({ status }));
        const start = run([], input);
        expect(start.value).to.equal('closed');
        expect(start.status).to.equal('done');
        expect(closedBecause(start)).to.equal('not_awaiting_seller');
        expect(choices(start)).to.deep.equal([]);
        const events = [chooseAccept('p-full'), CHOOSE_COUNTER, CHOOSE_REJECT, CONTINUE, CONFIRM, BACK, RETRY, setReason(REASON)];
        for (const event of events) {
          const [next] = transition(responseMachine, start, event);
          expect(next.value, event.type).to.equal('closed');
          expect(next.context, event.type).to.deep.equal(start.context);
        }
      });
    }

    it('is open, with no reason to be closed, for a dispute awaiting the seller under its own tree', () => {
      expect(closedBecause(run([]))).to.equal(null);
    });

    const closedInputs: { title: string; input: ResponseInput; reason: string }[] = [
      { title: 'the tree is another one than the dispute names', input: { dispute: disputeFixture(), tree: { ...treeWith(), id: 'default-services' } }, reason: 'tree_mismatch' },
      { title: 'the tree is another version than the dispute was opened under', input: { dispute: disputeFixture(), tree: { ...treeWith(), version: 4 } }, reason: 'tree_mismatch' },
      { title: 'the tree lacks the dispute\'s outcome', input: inputOf(disputeFixture({ outcomeId: 'scratched' })), reason: 'outcome_missing' },
      { title: 'the dispute\'s outcome is a question of the tree', input: inputOf(disputeFixture({ outcomeId: 'arrived' })), reason: 'outcome_missing' },
      { title: 'the outcome is named like a property every object has', input: inputOf(disputeFixture({ outcomeId: 'constructor' })), reason: 'outcome_missing' },
    ];
    for (const { title, input, reason } of closedInputs) {
      it(`is closed (${reason}), offering nothing, when ${title}`, () => {
        const start = run([], input);
        expect(start.value).to.equal('closed');
        expect(closedBecause(start)).to.equal(reason);
        expect(choices(start)).to.deep.equal([]);
        const [next] = transition(responseMachine, start, CHOOSE_COUNTER);
        expect(next.value).to.equal('closed');
      });
    }

    it('offers no accept when the buyer proposed nothing', () => {
      expect(choices(run([], inputOf(disputeFixture({ proposals: [] }))))).to.deep.equal(['counter', 'reject']);
    });
  });

  describe('transitions', () => {
    const rows: { from: readonly ResponseEvent[]; event: ResponseEvent; to: string; ignored?: boolean; note?: string }[] = [
      { from: AT.reviewing, event: chooseAccept('p-partial'), to: 'accepting' },
      { from: AT.reviewing, event: chooseAccept('p-unknown'), to: 'reviewing', ignored: true, note: 'an unknown proposal' },
      { from: AT.reviewing, event: CHOOSE_COUNTER, to: 'countering' },
      { from: AT.reviewing, event: CHOOSE_REJECT, to: 'rejecting' },
      { from: AT.reviewing, event: CONTINUE, to: 'reviewing', ignored: true },
      { from: AT.reviewing, event: BACK, to: 'reviewing', ignored: true },
      { from: AT.reviewing, event: CONFIRM, to: 'reviewing', ignored: true },
      { from: AT.reviewing, event: RETRY, to: 'reviewing', ignored: true },
      { from: AT.reviewing, event: setReason(REASON), to: 'reviewing', ignored: true },
      { from: AT.reviewing, event: setCounter(partial(1200)), to: 'reviewing', ignored: true },
      { from: AT.accepting, event: chooseAccept('p-return'), to: 'accepting' },
      { from: AT.accepting, event: chooseAccept('p-unknown'), to: 'accepting', ignored: true, note: 'an unknown proposal' },
      { from: AT.accepting, event: CONTINUE, to: 'confirming' },
      { from: AT.accepting, event: BACK, to: 'reviewing' },
      { from: AT.accepting, event: CHOOSE_REJECT, to: 'accepting', ignored: true },
      { from: AT.accepting, event: CONFIRM, to: 'accepting', ignored: true },
      { from: AT.countering, event: setCounter(partial(1200)), to: 'countering' },
      { from: AT.countering, event: setMessage('Would 12 EUR work?'), to: 'countering' },
      { from: AT.countering, event: CONTINUE, to: 'confirming', note: 'the starting amount' },
      { from: [...AT.countering, setCounter(partial(100))], event: CONTINUE, to: 'countering', ignored: true, note: 'an amount below the minimum' },
      { from: AT.countering, event: BACK, to: 'reviewing' },
      { from: AT.countering, event: CONFIRM, to: 'countering', ignored: true },
      { from: AT.countering, event: setReason(REASON), to: 'countering', ignored: true },
      { from: AT.rejecting, event: setReason(REASON), to: 'rejecting' },
      { from: AT.rejecting, event: CONTINUE, to: 'rejecting', ignored: true, note: 'no reason yet' },
      { from: [...AT.rejecting, setReason(REASON)], event: CONTINUE, to: 'confirming' },
      { from: AT.rejecting, event: BACK, to: 'reviewing' },
      { from: AT.rejecting, event: setCounter(partial(1200)), to: 'rejecting', ignored: true },
      { from: AT.confirmingAccept, event: BACK, to: 'accepting', note: 'after choosing to accept' },
      { from: AT.confirmingCounter, event: BACK, to: 'countering', note: 'after choosing to counter' },
      { from: AT.confirmingReject, event: BACK, to: 'rejecting', note: 'after choosing to reject' },
      { from: AT.confirmingAccept, event: CONFIRM, to: 'submitting' },
      { from: AT.confirmingReject, event: CONTINUE, to: 'confirming', ignored: true },
      { from: AT.confirmingReject, event: setReason('changed my mind'), to: 'confirming', ignored: true },
      { from: AT.confirmingAccept, event: chooseAccept('p-partial'), to: 'confirming', ignored: true },
      { from: AT.submitting, event: BACK, to: 'submitting', ignored: true },
      { from: AT.submitting, event: CONFIRM, to: 'submitting', ignored: true },
      { from: AT.submitting, event: RETRY, to: 'submitting', ignored: true },
    ];

    for (const { from, event, to, ignored, note } of rows) {
      const before = run(from);
      const title = `${String(before.value)} --${event.type}${note ? ` (${note})` : ''}--> ${to}${ignored ? ' (ignored)' : ''}`;
      it(title, () => {
        const [after] = transition(responseMachine, before, event);
        expect(after.value).to.equal(to);
        if (ignored) expect(after.context).to.deep.equal(before.context);
      });
    }
  });

  describe('accepting a proposal', () => {
    const cases = [
      { price: money(4999, 'EUR'), partial: 2000, splits: { 'p-partial': [2000, 2999], 'p-full': [4999, 0], 'p-return': [4999, 0] } },
      { price: money(12_800, 'JPY'), partial: 5120, splits: { 'p-partial': [5120, 7680], 'p-full': [12_800, 0], 'p-return': [12_800, 0] } },
      { price: money(7250, 'KWD'), partial: 2900, splits: { 'p-partial': [2900, 4350], 'p-full': [7250, 0], 'p-return': [7250, 0] } },
    ] as const;

    for (const { price, partial: refund, splits } of cases) {
      const input = inputOf(disputeFixture({ price, proposals: proposalsOf(money(refund, price.currency)) }));
      for (const [proposalId, [refunded, received]] of Object.entries(splits)) {
        it(`previews the split of ${proposalId} on ${price.amount} ${price.currency}: refund ${refunded}, payout ${received}`, () => {
          const split = { refund: money(refunded, price.currency), payout: money(received, price.currency) };
          const accepting = run([chooseAccept(proposalId)], input);
          expect(accepting.context.proposalId).to.equal(proposalId);
          expect(splitPreview(accepting)).to.deep.equal(split);
          expect(canContinue(accepting)).to.equal(true);

          const confirming = run([chooseAccept(proposalId), CONTINUE], input);
          expect(confirming.value).to.equal('confirming');
          expect(summary(confirming)).to.deep.equal({ response: { kind: 'accept', proposalId }, split });
        });
      }

      it(`lists every proposal with its split on ${price.amount} ${price.currency}`, () => {
        const listed = proposalSplits(run([], input)).map(({ proposal, split }) => [proposal.id, split?.refund.amount, split?.payout.amount]);
        expect(listed).to.deep.equal(Object.entries(splits).map(([id, [r, p]]) => [id, r, p]));
      });
    }
  });

  describe('a proposal that cannot split the price', () => {
    // A backend should never have let it in; the seller's flow still must not break on it.
    const proposals = [
      { id: 'p-over', resolution: partial(6000) },
      { id: 'p-usd', resolution: partial(1000, 'USD') },
      { id: 'p-full', resolution: { type: 'full_refund' } as Resolution },
    ];
    const input = inputOf(disputeFixture({ proposals }));

    it('is listed with its fault instead of a split, next to the others', () => {
      expect(proposalSplits(run([], input))).to.deep.equal([
        { proposal: proposals[0], split: null, fault: { code: 'above_max', max: money(4999) } },
        { proposal: proposals[1], split: null, fault: { code: 'currency_mismatch', expected: 'EUR' } },
        { proposal: proposals[2], split: { refund: money(4999), payout: money(0) }, fault: null },
      ]);
    });

    it('cannot be accepted', () => {
      for (const id of ['p-over', 'p-usd']) {
        const [after] = transition(responseMachine, run([], input), chooseAccept(id));
        expect(after.value, id).to.equal('reviewing');
        const [switched] = transition(responseMachine, run([chooseAccept('p-full')], input), chooseAccept(id));
        expect(switched.context.proposalId, id).to.equal('p-full');
      }
      expect(choices(run([], input))).to.deep.equal(['accept', 'counter', 'reject']);
    });
  });

  describe('countering', () => {
    it('starts halfway between the minimum and the buyer\'s partial refund, rounded down to a minor unit', () => {
      // Bounds 10-50 %: minimum 5.00 EUR, 1280 JPY, 0.725 KWD.
      const cases = [
        { price: money(4999, 'EUR'), proposed: 2000, start: 1250 },
        { price: money(12_800, 'JPY'), proposed: 5120, start: 3200 },
        { price: money(7250, 'KWD'), proposed: 2900, start: 1812 }, // 725 + 2175 / 2 = 1812.5
      ];
      for (const { price, proposed, start } of cases) {
        const snapshot = run([CHOOSE_COUNTER], inputOf(disputeFixture({ price, proposals: proposalsOf(money(proposed, price.currency)) })));
        expect(snapshot.context.counter.resolution, price.currency).to.deep.equal(partial(start, price.currency));
        expect(counterError(snapshot), price.currency).to.equal(null);
        expect(canContinue(snapshot), price.currency).to.equal(true);
        expect(splitPreview(snapshot), price.currency).to.deep.equal({
          refund: money(start, price.currency),
          payout: money(price.amount - start, price.currency),
        });
      }
    });

    it('starts at a valid counter-offer on the default physical-goods tree when the buyer proposed the suggested refund', () => {
      // "Damaged in transit": 10-50 % of 49.99 EUR, 25 % (12.50 EUR) suggested, which is what the buyer asks.
      const outcome = outcomeOf(physicalGoodsTree, 'damaged-in-transit')!;
      const suggested = defaultResolution(outcome.resolutions[0]!, money(4999));
      expect(suggested).to.deep.equal(partial(1250));
      const dispute = disputeFixture({
        treeId: physicalGoodsTree.id,
        treeVersion: physicalGoodsTree.version,
        path: [{ nodeId: 'what-went-wrong', optionId: 'damaged' }],
        outcomeId: 'damaged-in-transit',
        proposals: [{ id: 'p1', resolution: suggested }],
      });
      expect(Dispute.safeParse(dispute).success).to.equal(true);
      const input: ResponseInput = { dispute, tree: physicalGoodsTree };
      expect(choices(run([], input))).to.include('counter');
      const countering = run([CHOOSE_COUNTER], input);
      expect(countering.value).to.equal('countering');
      expect(countering.context.counter.resolution).to.deep.equal(partial(875)); // 5.00 + (12.50 - 5.00) / 2
      expect(counterError(countering)).to.equal(null);
      expect(canContinue(countering)).to.equal(true);
    });

    it('starts at the minimum when the buyer proposed no partial refund', () => {
      const dispute = disputeFixture({ proposals: proposalsOf(money(2000)).slice(1) });
      expect(run([CHOOSE_COUNTER], inputOf(dispute)).context.counter.resolution).to.deep.equal(partial(500));
    });

    it('starts just above the minimum when the buyer proposed the minimum', () => {
      const snapshot = run([CHOOSE_COUNTER], inputOf(disputeFixture({ proposals: proposalsOf(money(500)) })));
      expect(snapshot.context.counter.resolution).to.deep.equal(partial(501));
      expect(canContinue(snapshot)).to.equal(true);
    });

    it('starts at the minimum when the buyer\'s partial refund is below it', () => {
      // A backend should never have let it in; halfway would be below the minimum too.
      const snapshot = run([CHOOSE_COUNTER], inputOf(disputeFixture({ proposals: proposalsOf(money(1)) })));
      expect(snapshot.context.counter.resolution).to.deep.equal(partial(500));
      expect(canContinue(snapshot)).to.equal(true);
    });

    describe('when the partial refund has a single amount, which the buyer proposed', () => {
      const fixed = { type: 'partial_refund', bounds: { unit: 'amount', currency: 'EUR', min: 1000, max: 1000, suggested: 1000 } } as const;
      const returnOption = { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 } as const;
      const proposals = [
        { id: 'p-partial', resolution: partial(1000) },
        { id: 'p-return', resolution: { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 } as Resolution },
      ];

      it('starts at another offered resolution the buyer did not propose', () => {
        const outcome: OutcomeNode = { ...damagedOutcome, resolutions: [fixed, returnOption, { type: 'replacement' }] };
        const input = inputOf(disputeFixture({ proposals }), outcome);
        expect(choices(run([], input))).to.deep.equal(['accept', 'counter', 'reject']);
        const countering = run([CHOOSE_COUNTER], input);
        expect(countering.context.counter.resolution).to.deep.equal({ type: 'replacement' });
        expect(canContinue(countering)).to.equal(true);
      });

      it('offers no counter-offer when the buyer proposed everything else too', () => {
        const outcome: OutcomeNode = { ...damagedOutcome, resolutions: [fixed, returnOption] };
        const input = inputOf(disputeFixture({ proposals }), outcome);
        const start = run([], input);
        expect(start.context.counter.resolution).to.equal(null);
        expect(choices(start)).to.deep.equal(['accept', 'reject']);
        expect(run([CHOOSE_COUNTER], input).value).to.equal('reviewing');
      });
    });

    it('starts at a valid counter-offer whenever one exists, and offers none otherwise', () => {
      const others: ResolutionOption[] = [{ type: 'full_refund' }, { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 }];
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 100_000 }),
          fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
          fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          fc.subarray(others),
          fc.subarray(others),
          (amount, [a, b], askedPercent, offeredOthers, askedOthers) => {
            const price = money(amount);
            const bounds = { unit: 'percent', min: Math.min(a, b), max: Math.max(a, b), suggested: Math.min(a, b) } as const;
            const outcome: OutcomeNode = { ...damagedOutcome, resolutions: [{ type: 'partial_refund', bounds }, ...offeredOthers] };
            const { min, max } = concreteBounds(bounds, price);
            const asked = askedPercent === undefined ? undefined : percentOf(price, askedPercent);
            const resolutions: Resolution[] = [
              ...(asked === undefined ? [] : [{ type: 'partial_refund', amount: asked } as const]),
              ...askedOthers.map((option) => defaultResolution(option, price)),
            ];
            const input = inputOf(disputeFixture({ price, proposals: resolutions.map((resolution, i) => ({ id: `p${i}`, resolution })) }), outcome);

            // Some amount within bounds is not the buyer's, or some other offered resolution was not proposed.
            const refundFree = max.amount > min.amount || asked === undefined || asked.amount !== min.amount;
            const freeOthers = offeredOthers.filter((o) => !askedOthers.includes(o)).map((o) => o.type);
            const start = run([], input);
            expect(choices(start).includes('counter')).to.equal(refundFree || freeOthers.length > 0);
            if (!refundFree && freeOthers.length === 0) return;
            const countering = run([CHOOSE_COUNTER], input);
            expect(countering.value).to.equal('countering');
            expect(counterError(countering)).to.equal(null);
            expect(canContinue(countering)).to.equal(true);
            const type = countering.context.counter.resolution?.type;
            if (refundFree) expect(type).to.equal('partial_refund');
            else expect(freeOthers).to.include(type);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('starts at the first offered resolution when the outcome offers no partial refund', () => {
      const outcome: OutcomeNode = {
        ...damagedOutcome,
        resolutions: [{ type: 'replacement' }, { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 7 }],
      };
      const dispute = disputeFixture({ proposals: [{ id: 'p-return', resolution: { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 7 } }] });
      const snapshot = run([CHOOSE_COUNTER], inputOf(dispute, outcome));
      expect(snapshot.value).to.equal('countering');
      expect(snapshot.context.counter.resolution).to.deep.equal({ type: 'replacement' });
      expect(counterError(snapshot)).to.equal(null);
      expect(splitPreview(snapshot)).to.deep.equal({ refund: money(0), payout: money(4999) });
    });

    // EUR 49.99 with bounds 10-50 %: min 5.00 (4.999 rounded), max 25.00 (24.995 rounded half up).
    const rows: { title: string; resolution: Resolution; error: string | null; split?: [number, number] }[] = [
      { title: 'the minimum', resolution: partial(500), error: null, split: [500, 4499] },
      { title: 'the maximum', resolution: partial(2500), error: null, split: [2500, 2499] },
      { title: 'an amount within bounds', resolution: partial(1234), error: null, split: [1234, 3765] },
      { title: 'one cent below the minimum', resolution: partial(499), error: 'below_min' },
      { title: 'nothing', resolution: partial(0), error: 'below_min' },
      { title: 'one cent above the maximum', resolution: partial(2501), error: 'above_max' },
      { title: 'the whole price', resolution: partial(4999), error: 'above_max' },
      { title: 'a fraction of a cent', resolution: partial(1200.5), error: 'invalid_amount' },
      { title: 'another currency', resolution: partial(1200, 'USD'), error: 'currency_mismatch' },
      { title: 'a type the outcome does not offer', resolution: { type: 'replacement' }, error: 'not_offered' },
      { title: 'no refund (support only)', resolution: { type: 'no_refund' }, error: 'not_offered' },
      { title: 'a return on other terms', resolution: { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 }, error: 'terms_differ' },
      { title: 'exactly the buyer\'s partial refund', resolution: partial(2000), error: 'same_as_proposal' },
      { title: 'a full refund the buyer proposed', resolution: { type: 'full_refund' }, error: 'same_as_proposal' },
    ];
    for (const { title, resolution, error, split } of rows) {
      it(`${error === null ? 'accepts' : `refuses (${error})`} ${title}`, () => {
        const snapshot = run([CHOOSE_COUNTER, setCounter(resolution)]);
        expect(snapshot.context.counter.resolution).to.deep.equal(resolution);
        expect(counterError(snapshot)).to.equal(error);
        expect(canContinue(snapshot)).to.equal(error === null);
        expect(splitPreview(snapshot)).to.deep.equal(split ? { refund: money(split[0]), payout: money(split[1]) } : null);
        const [next] = transition(responseMachine, snapshot, CONTINUE);
        expect(next.value).to.equal(error === null ? 'confirming' : 'countering');
      });
    }

    it('is not offered when the outcome allows no counter-offer', () => {
      const snapshot = run([CHOOSE_COUNTER], inputOf(disputeFixture(), { ...damagedOutcome, counterOffer: false }));
      expect(choices(snapshot)).to.deep.equal(['accept', 'reject']);
      expect(snapshot.value).to.equal('reviewing');
      expect(counterError(snapshot)).to.equal('counter_not_allowed');
    });

    it('is not offered when the seller has already countered', () => {
      const dispute = disputeFixture({ counterOffer: { resolution: partial(1000), answer: null } });
      const snapshot = run([CHOOSE_COUNTER], inputOf(dispute));
      expect(choices(snapshot)).to.deep.equal(['accept', 'reject']);
      expect(snapshot.value).to.equal('reviewing');
      expect(counterError(snapshot)).to.equal('counter_not_allowed');
    });

    describe('when the partial refund\'s absolute bounds are in another currency than the price', () => {
      const usdRefund = { type: 'partial_refund', bounds: { unit: 'amount', currency: 'USD', min: 500, max: 2500, suggested: 1500 } } as const;

      it('starts at another offered resolution, and refuses a partial refund as a fault', () => {
        const outcome: OutcomeNode = {
          ...damagedOutcome,
          resolutions: [usdRefund, { type: 'replacement' }, { type: 'full_refund' }],
        };
        const start = run([], inputOf(disputeFixture(), outcome));
        expect(start.value).to.equal('reviewing');
        expect(choices(start)).to.deep.equal(['accept', 'counter', 'reject']);
        const countering = run([CHOOSE_COUNTER], inputOf(disputeFixture(), outcome));
        expect(countering.value).to.equal('countering');
        expect(countering.context.counter.resolution).to.deep.equal({ type: 'replacement' });
        expect(canContinue(countering)).to.equal(true);
        const refund = run([CHOOSE_COUNTER, setCounter(partial(1000))], inputOf(disputeFixture(), outcome));
        expect(counterError(refund)).to.equal('currency_mismatch');
        expect(canContinue(refund)).to.equal(false);
      });

      it('offers no counter-offer when nothing else is offered', () => {
        const outcome: OutcomeNode = { ...damagedOutcome, resolutions: [usdRefund] };
        const input = inputOf(disputeFixture({ proposals: [] }), outcome);
        const start = run([], input);
        expect(start.value).to.equal('reviewing');
        expect(start.context.counter.resolution).to.equal(null);
        expect(choices(start)).to.deep.equal(['reject']);
        expect(run([CHOOSE_COUNTER], input).value).to.equal('reviewing');
      });

      it('starts a running actor rather than leaving it stuck', () => {
        const outcome: OutcomeNode = { ...damagedOutcome, resolutions: [usdRefund, { type: 'replacement' }] };
        const actor = createActor(responseMachine, { input: inputOf(disputeFixture(), outcome) }).start();
        expect(actor.getSnapshot().value).to.equal('reviewing');
        expect(actor.getSnapshot().status).to.equal('active');
        actor.stop();
      });
    });

    const messages: { title: string; message: string; error: string | null; sent?: string }[] = [
      { title: 'no message', message: '', error: null },
      { title: 'a blank message, which is left out', message: ' \n\t ', error: null },
      { title: 'a message, trimmed', message: '  Would 12 EUR work?  ', error: null, sent: 'Would 12 EUR work?' },
      { title: '2000 characters', message: 'm'.repeat(2000), error: null, sent: 'm'.repeat(2000) },
      { title: '2001 characters', message: 'm'.repeat(2001), error: 'too_long' },
    ];
    for (const { title, message, error, sent } of messages) {
      it(`${error === null ? 'sends' : 'refuses'} ${title}`, () => {
        const snapshot = run([CHOOSE_COUNTER, setCounter(partial(1200)), setMessage(message)]);
        expect(snapshot.context.counter.message).to.equal(message);
        expect(counterMessageError(snapshot)).to.equal(error);
        expect(canContinue(snapshot)).to.equal(error === null);
        if (error !== null) return;
        const confirming = run([CHOOSE_COUNTER, setCounter(partial(1200)), setMessage(message), CONTINUE]);
        const response = sent === undefined
          ? { kind: 'counter', resolution: partial(1200) }
          : { kind: 'counter', resolution: partial(1200), message: sent };
        expect(summary(confirming)).to.deep.equal({ response, split: { refund: money(1200), payout: money(3799) } });
      });
    }
  });

  describe('rejecting', () => {
    const rows: { title: string; reason: string; error: string | null }[] = [
      { title: 'an empty reason', reason: '', error: 'required' },
      { title: 'a whitespace-only reason', reason: ' \n\t  ', error: 'required' },
      { title: 'a reason of 2001 characters', reason: 'r'.repeat(2001), error: 'too_long' },
      { title: 'a reason of 2000 characters in surrounding spaces', reason: `  ${'r'.repeat(2000)}  `, error: null },
      { title: 'a one-character reason', reason: 'x', error: null },
      { title: 'a written reason', reason: REASON, error: null },
    ];
    for (const { title, reason, error } of rows) {
      it(`${error === null ? 'accepts' : `refuses (${error})`} ${title}`, () => {
        const snapshot = run([CHOOSE_REJECT, setReason(reason)]);
        expect(snapshot.context.reason).to.equal(reason);
        expect(reasonError(snapshot)).to.equal(error);
        expect(canContinue(snapshot)).to.equal(error === null);
        expect(splitPreview(snapshot)).to.equal(null);
        const [next] = transition(responseMachine, snapshot, CONTINUE);
        expect(next.value).to.equal(error === null ? 'confirming' : 'rejecting');
        if (error === null) {
          expect(summary(next)).to.deep.equal({ response: { kind: 'reject', reason: reason.trim() }, split: null });
        }
      });
    }

    it('starts with the reason required', () => {
      expect(reasonError(run(AT.rejecting))).to.equal('required');
    });
  });

  describe('going back', () => {
    it('keeps the chosen proposal, the counter-offer and the reason through every step back to reviewing', () => {
      const typed = [
        chooseAccept('p-return'), BACK,
        CHOOSE_COUNTER, setCounter(partial(1200)), setMessage('Would 12 EUR work?'), BACK,
        CHOOSE_REJECT, setReason(REASON), BACK,
      ];
      const reviewing = run(typed);
      expect(reviewing.value).to.equal('reviewing');
      expect(reviewing.context.proposalId).to.equal('p-return');
      expect(reviewing.context.counter).to.deep.equal({ resolution: partial(1200), message: 'Would 12 EUR work?' });
      expect(reviewing.context.reason).to.equal(REASON);

      expect(counterError(run([...typed, CHOOSE_COUNTER]))).to.equal(null);
      expect(canContinue(run([...typed, CHOOSE_REJECT]))).to.equal(true);
    });

    it('returns from the confirmation to the choice step with its input', () => {
      const countering = run([...AT.confirmingCounter, BACK]);
      expect(countering.value).to.equal('countering');
      expect(countering.context.counter).to.deep.equal({ resolution: partial(1200), message: 'Would 12 EUR work?' });
      expect(pendingResponse(countering)).to.equal(null);

      const rejecting = run([...AT.confirmingReject, BACK]);
      expect(rejecting.value).to.equal('rejecting');
      expect(rejecting.context.reason).to.equal(REASON);
    });
  });

  describe('sending (with a provided respond actor)', () => {
    const cases: { title: string; events: ResponseEvent[]; response: SellerResponse; status: DisputeStatus }[] = [
      {
        title: 'an acceptance',
        events: [chooseAccept('p-partial'), CONTINUE, CONFIRM],
        response: { kind: 'accept', proposalId: 'p-partial' },
        status: 'settling',
      },
      {
        title: 'a counter-offer with its message trimmed',
        events: [CHOOSE_COUNTER, setCounter(partial(1200)), setMessage('  Would 12 EUR work?\n'), CONTINUE, CONFIRM],
        response: { kind: 'counter', resolution: partial(1200), message: 'Would 12 EUR work?' },
        status: 'awaiting_buyer',
      },
      {
        title: 'a rejection with its reason trimmed',
        events: [CHOOSE_REJECT, setReason(`\n  ${REASON}  `), CONTINUE, CONFIRM],
        response: { kind: 'reject', reason: REASON },
        status: 'escalated',
      },
    ];
    for (const { title, events, response, status } of cases) {
      it(`sends exactly the SellerResponse for ${title} and keeps the dispute it gets back`, async () => {
        const updated = disputeFixture({ status, sellerResponse: response, updatedAt: '2026-11-27T08:00:00Z' });
        const { machine, sent } = machineAnswering(async () => updated);
        const actor = createActor(machine, { input: inputOf() }).start();
        for (const event of events) actor.send(event);
        expect(actor.getSnapshot().value).to.equal('submitting');
        expect(pendingResponse(actor.getSnapshot())).to.deep.equal(response);

        const done = await settled(actor);
        expect(sent).to.deep.equal([response]);
        expect(SellerResponse.safeParse(sent[0]).success).to.equal(true);
        expect(done.value).to.equal('done');
        expect(done.status).to.equal('done');
        expect(done.context.dispute).to.deep.equal(updated);
        expect(done.context.submitted).to.deep.equal(response);
        actor.stop();
      });
    }

    it('keeps everything through a failure, then sends the same response again on RETRY', async () => {
      const updated = disputeFixture({ status: 'awaiting_buyer' });
      const { machine, sent } = machineAnswering(async (_, call) => {
        if (call === 1) throw new ProblemError('Too many requests, try again shortly.', 'urn:amicable:problem:rate-limited');
        return updated;
      });
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of AT.confirmingCounter) actor.send(event);
      const confirming = actor.getSnapshot();
      actor.send(CONFIRM);

      const failed = await settled(actor);
      expect(failed.value).to.equal('failed');
      expect(submitError(failed)).to.deep.equal({ message: 'Too many requests, try again shortly.', code: 'urn:amicable:problem:rate-limited' });
      expect(failed.context.counter).to.deep.equal(confirming.context.counter);
      expect(failed.context.dispute).to.deep.equal(confirming.context.dispute);
      expect(summary(failed)).to.deep.equal(summary(confirming));
      expect(JSON.parse(JSON.stringify(failed.context))).to.deep.equal(failed.context);

      actor.send(RETRY);
      expect(actor.getSnapshot().context.error, 'the old error is dropped on retry').to.equal(null);
      const done = await settled(actor);
      expect(done.value).to.equal('done');
      expect(sent).to.have.length(2);
      expect(sent[1]).to.deep.equal(sent[0]);
      expect(sent[0]).to.deep.equal({ kind: 'counter', resolution: partial(1200), message: 'Would 12 EUR work?' });
      expect(done.context.dispute).to.deep.equal(updated);
      actor.stop();
    });

    it('goes back from a failure to the confirmation and on to the choice step with its input', async () => {
      const { machine } = machineAnswering(async () => {
        throw new Error('offline');
      });
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of AT.confirmingReject) actor.send(event);
      actor.send(CONFIRM);
      expect((await settled(actor)).value).to.equal('failed');

      actor.send(BACK);
      expect(actor.getSnapshot().value).to.equal('confirming');
      expect(summary(actor.getSnapshot())).to.deep.equal({ response: { kind: 'reject', reason: REASON }, split: null });
      actor.send(BACK);
      expect(actor.getSnapshot().value).to.equal('rejecting');
      expect(actor.getSnapshot().context.reason).to.equal(REASON);
      actor.stop();
    });

    it('keeps a thrown non-error as a message, without a code', async () => {
      const { machine } = machineAnswering(() => Promise.reject('connection reset'));
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of AT.submitting) actor.send(event);
      expect(submitError(await settled(actor))).to.deep.equal({ message: 'connection reset' });
      actor.stop();
    });

    it('aborts the request when the flow is stopped while sending', async () => {
      const seen = deferred<AbortSignal>();
      const { machine } = machineAnswering((_, __, signal) => {
        seen.resolve(signal);
        return new Promise<RespondResult>(() => {});
      });
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of AT.submitting) actor.send(event);
      const signal = await seen.promise;
      expect(signal.aborted).to.equal(false);
      actor.stop();
      expect(signal.aborted).to.equal(true);
    });

    it('fails, saying so, when no respond actor was provided', async () => {
      const actor = createActor(responseMachine, { input: inputOf() }).start();
      for (const event of AT.submitting) actor.send(event);
      const failed = await settled(actor);
      expect(failed.value).to.equal('failed');
      expect(submitError(failed)?.message).to.contain('must be provided');
      actor.stop();
    });
  });

  describe('idempotency of the response', () => {
    const failingOnce = async (_: SellerResponse, call: number): Promise<RespondResult> => {
      if (call === 1) throw new Error('The request timed out');
      return disputeFixture({ status: 'awaiting_buyer' });
    };

    it('keeps the key CONFIRM brings while the response is sent', () => {
      const confirming = run(AT.confirmingCounter);
      expect(confirming.context.submissionKey).to.equal(null);
      const submitting = run([...AT.confirmingCounter, confirmWith('key-a')]);
      expect(submitting.value).to.equal('submitting');
      expect(submitting.context.submissionKey).to.equal('key-a');
    });

    it('refuses CONFIRM without a key', () => {
      const confirming = run(AT.confirmingCounter);
      expect(confirming.can(confirmWith(''))).to.equal(false);
      expect(transition(responseMachine, confirming, confirmWith(''))[0].value).to.equal('confirming');
    });

    it('sends the same key again on RETRY after a failure', async () => {
      const { machine, keys } = machineAnswering(failingOnce);
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of [...AT.confirmingCounter, confirmWith('key-a')]) actor.send(event);
      expect((await settled(actor)).value).to.equal('failed');
      actor.send(RETRY);
      expect((await settled(actor)).value).to.equal('done');
      expect(keys).to.deep.equal(['key-a', 'key-a']);
      actor.stop();
    });

    it('keeps the key when the same response is confirmed again after BACK from a failure', async () => {
      const { machine, keys } = machineAnswering(failingOnce);
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of [...AT.confirmingCounter, confirmWith('key-a')]) actor.send(event);
      expect((await settled(actor)).value).to.equal('failed');
      actor.send(BACK);
      expect(actor.getSnapshot().value).to.equal('confirming');
      actor.send(confirmWith('key-b'));
      expect((await settled(actor)).value).to.equal('done');
      expect(keys).to.deep.equal(['key-a', 'key-a']);
      actor.stop();
    });

    it('sends the same key when a flow persisted while sending is restored', async () => {
      const first = machineAnswering(() => new Promise<RespondResult>(() => {}));
      const before = createActor(first.machine, { input: inputOf() }).start();
      for (const event of [...AT.confirmingCounter, confirmWith('key-a')]) before.send(event);
      const json = JSON.stringify(before.getPersistedSnapshot());
      before.stop();

      const second = machineAnswering(async () => disputeFixture({ status: 'awaiting_buyer' }));
      const after = createActor(second.machine, { snapshot: JSON.parse(json), input: inputOf() }).start();
      expect((await settled(after)).value).to.equal('done');
      expect(second.keys).to.deep.equal(['key-a']);
      after.stop();
    });

    it('sends a new key once the response was changed after a failure', async () => {
      const { machine, sent, keys } = machineAnswering(failingOnce);
      const actor = createActor(machine, { input: inputOf() }).start();
      for (const event of [...AT.confirmingCounter, confirmWith('key-a')]) actor.send(event);
      expect((await settled(actor)).value).to.equal('failed');
      for (const event of [BACK, BACK]) actor.send(event);
      expect(actor.getSnapshot().value).to.equal('countering');
      expect(actor.getSnapshot().context.submissionKey).to.equal(null);
      for (const event of [setCounter(partial(1300)), CONTINUE, confirmWith('key-b')]) actor.send(event);
      expect((await settled(actor)).value).to.equal('done');
      expect(keys).to.deep.equal(['key-a', 'key-b']);
      expect(sent.map((response) => response.kind === 'counter' && response.resolution)).to.deep.equal([partial(1200), partial(1300)]);
      actor.stop();
    });

    const choiceSteps: { what: string; confirm: readonly ResponseEvent[]; step: string }[] = [
      { what: 'acceptance', confirm: AT.confirmingAccept, step: 'accepting' },
      { what: 'counter-offer', confirm: AT.confirmingCounter, step: 'countering' },
      { what: 'rejection', confirm: AT.confirmingReject, step: 'rejecting' },
    ];
    for (const { what, confirm, step } of choiceSteps) {
      it(`drops the key when the seller goes back from a failed ${what} to change it`, async () => {
        const { machine } = machineAnswering(async () => {
          throw new Error('offline');
        });
        const actor = createActor(machine, { input: inputOf() }).start();
        for (const event of [...confirm, confirmWith('key-a')]) actor.send(event);
        expect((await settled(actor)).context.submissionKey).to.equal('key-a');
        actor.send(BACK);
        expect(actor.getSnapshot().context.submissionKey, 'at the confirmation, nothing has changed').to.equal('key-a');
        actor.send(BACK);
        expect(actor.getSnapshot().value).to.equal(step);
        expect(actor.getSnapshot().context.submissionKey).to.equal(null);
        actor.stop();
      });
    }
  });

  describe('persistence', () => {
    const steps: { title: string; events: readonly ResponseEvent[]; input?: ResponseInput; then?: ResponseEvent; next?: string }[] = [
      { title: 'reviewing', events: AT.reviewing, then: CHOOSE_REJECT, next: 'rejecting' },
      { title: 'accepting', events: AT.accepting, then: CONTINUE, next: 'confirming' },
      { title: 'countering with a draft', events: [CHOOSE_COUNTER, setCounter(partial(1200)), setMessage('Would 12 EUR work?')], then: CONTINUE, next: 'confirming' },
      { title: 'rejecting with a reason', events: [CHOOSE_REJECT, setReason(REASON)], then: CONTINUE, next: 'confirming' },
      { title: 'confirming an acceptance', events: AT.confirmingAccept, then: BACK, next: 'accepting' },
      { title: 'confirming a counter-offer', events: AT.confirmingCounter, then: BACK, next: 'countering' },
      { title: 'confirming a rejection', events: AT.confirmingReject, then: BACK, next: 'rejecting' },
      { title: 'closed', events: [], input: inputOf(disputeFixture({ status: 'resolved' })) },
    ];
    for (const { title, events, input = inputOf(), then, next } of steps) {
      it(`restores a snapshot taken while ${title} from JSON, and carries on from it`, () => {
        const snapshot = run(events, input);
        const json = JSON.stringify(responseMachine.getPersistedSnapshot(snapshot));
        const actor = createActor(responseMachine, { snapshot: JSON.parse(json), input }).start();
        const restored = actor.getSnapshot();
        expect(restored.value).to.equal(snapshot.value);
        expect(restored.context).to.deep.equal(snapshot.context);
        expect(JSON.parse(JSON.stringify(restored.context))).to.deep.equal(restored.context);
        expect(choices(restored)).to.deep.equal(choices(snapshot));
        expect(canContinue(restored)).to.equal(canContinue(snapshot));
        if (then !== undefined) {
          actor.send(then);
          expect(actor.getSnapshot().value).to.equal(next);
        }
        actor.stop();
      });
    }

    it('restores a snapshot taken while sending, and the restored flow sends the same response', async () => {
      const first = machineAnswering(() => new Promise<RespondResult>(() => {}));
      const before = createActor(first.machine, { input: inputOf() }).start();
      for (const event of AT.confirmingCounter) before.send(event);
      before.send(CONFIRM);
      const json = JSON.stringify(before.getPersistedSnapshot());
      before.stop();

      const updated = disputeFixture({ status: 'awaiting_buyer' });
      const second = machineAnswering(async () => updated);
      const after = createActor(second.machine, { snapshot: JSON.parse(json), input: inputOf() }).start();
      const done = await settled(after);
      expect(done.value).to.equal('done');
      expect(second.sent).to.deep.equal(first.sent);
      expect(done.context.dispute).to.deep.equal(updated);
      after.stop();
    });

    it('restores a failure with its error and everything entered, and RETRY then succeeds', async () => {
      const failing = machineAnswering(async () => {
        throw new ProblemError('The backend is unavailable.', 'urn:amicable:problem:internal');
      });
      const before = createActor(failing.machine, { input: inputOf() }).start();
      for (const event of AT.confirmingReject) before.send(event);
      before.send(CONFIRM);
      const failed = await settled(before);
      const json = JSON.stringify(before.getPersistedSnapshot());
      before.stop();

      const updated = disputeFixture({ status: 'escalated' });
      const working = machineAnswering(async () => updated);
      const after = createActor(working.machine, { snapshot: JSON.parse(json), input: inputOf() }).start();
      expect(after.getSnapshot().value).to.equal('failed');
      expect(after.getSnapshot().context).to.deep.equal(failed.context);
      expect(submitError(after.getSnapshot())).to.deep.equal({ message: 'The backend is unavailable.', code: 'urn:amicable:problem:internal' });
      after.send(RETRY);
      const done = await settled(after);
      expect(done.value).to.equal('done');
      expect(working.sent).to.deep.equal(failing.sent);
      after.stop();
    });

    it('restores a finished response with the dispute the backend returned', async () => {
      const updated = disputeFixture({ status: 'settling' });
      const { machine } = machineAnswering(async () => updated);
      const before = createActor(machine, { input: inputOf() }).start();
      for (const event of AT.submitting) before.send(event);
      await settled(before);
      const json = JSON.stringify(before.getPersistedSnapshot());
      before.stop();

      const after = createActor(machine, { snapshot: JSON.parse(json), input: inputOf() }).start();
      expect(after.getSnapshot().value).to.equal('done');
      expect(after.getSnapshot().context.dispute).to.deep.equal(updated);
      expect(summary(after.getSnapshot())).to.deep.equal({
        response: { kind: 'accept', proposalId: 'p-full' },
        split: { refund: money(4999), payout: money(0) },
      });
      after.stop();
    });
  });
});
