import { expect } from '@open-wc/testing';
import { Dispute, type Actor, type DecisionTree, type DisputeStatus, type OutcomeNode, type Resolution } from '@amicable/protocol';
import { initialTransition, transition } from 'xstate';
import { lifecycleMachine } from './lifecycle.machine.js';
import {
  applyLifecycleEvent,
  disputeOf,
  lapseIfDue,
  openDispute,
  refusalOf,
  restoreLifecycle,
  sellerResponseAction,
  statusOf,
  type LifecycleSnapshot,
} from './lifecycle.record.js';
import { ALLOWED, type DisputeRecord, type LifecycleEvent, type LifecycleEventType } from './lifecycle.rules.js';

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const at = (hours: number): string => new Date(T0 + hours * 3_600_000).toISOString();
const EUR = (amount: number) => ({ amount, currency: 'EUR' });

const outcome: OutcomeNode = {
  kind: 'outcome',
  title: { en: 'Damaged in transit' },
  description: { required: true, minLength: 10, maxLength: 2000 },
  photos: { min: 1, max: 5 },
  resolutions: [
    { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 25 } },
    { type: 'full_refund' },
    { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
  ],
  counterOffer: true,
  deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
};

const record: DisputeRecord = {
  id: 'd-1',
  orderId: 'o-1',
  treeId: 'physical-goods',
  treeVersion: 1,
  price: EUR(10_000),
  path: [{ nodeId: 'root', optionId: 'damaged' }],
  outcomeId: 'damaged',
  description: 'The lid arrived cracked in two places.',
  photos: [{ id: 'ph-1', url: 'https://cdn.example/ph-1.jpg', contentType: 'image/jpeg', width: 2048, height: 1536, bytes: 400_000 }],
  proposals: [
    { id: 'p-1', resolution: { type: 'partial_refund', amount: EUR(2_500) } },
    { id: 'p-2', resolution: { type: 'full_refund' } },
  ],
  sellerResponse: null,
  counterOffer: null,
  escalation: null,
  settlement: null,
  deadlines: { seller: null, buyer: null },
  timeline: [],
  ratings: [],
  createdAt: at(0),
  updatedAt: at(0),
};

const counter: Resolution = { type: 'partial_refund', amount: EUR(1_500) };

/** A valid event of each type, so that only state and role decide whether it is taken. */
function eventOf(type: LifecycleEventType, role: Actor, when: string): LifecycleEvent {
  switch (type) {
    // The seller accepts a proposal by its id; the buyer accepts the counter-offer, which has none.
    case 'ACCEPT': return role === 'buyer' ? { type, role, at: when } : { type, role, at: when, proposalId: 'p-1' };
    case 'COUNTER': return { type, role, at: when, resolution: counter, message: 'Half of what you ask.' };
    case 'REJECT': return { type, role, at: when, reason: 'The photos show a different item.' };
    case 'ESCALATE': return { type, role, at: when, reason: 'Please have a look.' };
    case 'DECIDE': return { type, role, at: when, resolution: { type: 'partial_refund', amount: EUR(4_000) } };
    case 'SETTLEMENT_FAILED': return { type, role, at: when, reason: 'Card expired' };
    case 'RATE': return { type, role, at: when, score: 4 };
    default: return { type, role, at: when };
  }
}

function send(snapshot: LifecycleSnapshot, event: LifecycleEvent): LifecycleSnapshot {
  expect(refusalOf(snapshot, event), `${event.type} by ${event.role} in ${statusOf(snapshot)}`).to.equal(null);
  const [next] = transition(lifecycleMachine, snapshot, event);
  return next;
}

const treeOf = (o: OutcomeNode): DecisionTree => ({ id: 'physical-goods', version: 1, fallbackLocale: 'en', root: 'damaged', nodes: { damaged: o } });
const tree = treeOf(outcome);

/** Opens with the machine's pure initial transition, from a record assembled by hand. */
const open = (o: OutcomeNode = outcome, r: DisputeRecord = record) => initialTransition(lifecycleMachine, { record: r, outcome: o })[0];

/** One way to reach each status, from a freshly opened dispute. */
const routes: Record<DisputeStatus, (s: LifecycleSnapshot) => LifecycleSnapshot> = {
  awaiting_seller: (s) => s,
  awaiting_buyer: (s) => send(s, eventOf('COUNTER', 'seller', at(1))),
  escalated: (s) => send(s, eventOf('REJECT', 'seller', at(1))),
  settling: (s) => send(s, eventOf('ACCEPT', 'seller', at(1))),
  settlement_failed: (s) => send(routes.settling(s), eventOf('SETTLEMENT_FAILED', 'system', at(2))),
  resolved: (s) => send(routes.settling(s), eventOf('SETTLED', 'system', at(2))),
  withdrawn: (s) => send(s, eventOf('WITHDRAW', 'buyer', at(1))),
};
const reach = (status: DisputeStatus) => routes[status](open());

const STATUSES = Object.keys(ALLOWED) as DisputeStatus[];
const ACTORS: Actor[] = ['buyer', 'seller', 'support', 'system'];
const EVENT_TYPES: LifecycleEventType[] = [
  'ACCEPT', 'COUNTER', 'REJECT', 'WITHDRAW', 'ESCALATE', 'DEADLINE', 'DECIDE', 'SETTLED', 'SETTLEMENT_FAILED', 'RETRY_SETTLEMENT', 'RATE',
];

describe('dispute lifecycle', () => {
  describe('opening', () => {
    const request = {
      orderId: 'o-1',
      treeId: 'physical-goods',
      treeVersion: 1,
      path: [],
      outcomeId: 'damaged',
      description: '  The lid arrived cracked in two places.  ',
      photoIds: ['ph-1'],
      proposals: [{ type: 'partial_refund', amount: EUR(2_500) }, { type: 'full_refund' }] as Resolution[],
    };
    const opening = { id: 'd-1', request, tree, price: EUR(10_000), photos: record.photos, at: at(0) };

    it('opening --(outcome offers resolutions)--> awaiting_seller, with the seller deadline from the outcome', () => {
      const result = openDispute(opening);
      if (!result.ok) expect.fail(JSON.stringify(result.refusal));
      const { dispute } = result;
      expect(dispute.status).to.equal('awaiting_seller');
      expect(dispute.idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'escalate' });
      expect(dispute.deadlines).to.deep.equal({ seller: at(72), buyer: null });
      expect(dispute.timeline).to.deep.equal([{ at: at(0), actor: 'buyer', type: 'opened' }]);
      expect(dispute.description).to.equal('The lid arrived cracked in two places.');
      expect(dispute.proposals).to.deep.equal([
        { id: 'p1', resolution: { type: 'partial_refund', amount: EUR(2_500) } },
        { id: 'p2', resolution: { type: 'full_refund' } },
      ]);
      expect(Dispute.safeParse(dispute).success).to.equal(true);
    });

    it('opening --(straight to support)--> escalated', () => {
      const toSupport: OutcomeNode = { ...outcome, resolutions: [], toSupport: true };
      const result = openDispute({ ...opening, tree: treeOf(toSupport), request: { ...request, proposals: [] } });
      if (!result.ok) expect.fail(JSON.stringify(result.refusal));
      expect(result.dispute.status).to.equal('escalated');
      expect(result.dispute.escalation).to.deep.equal({ by: 'system', cause: 'straight_to_support', at: at(0) });
      expect(result.dispute.idle).to.deep.equal({ waitingFor: 'support', at: null, then: 'none' });
    });

    const refused: [string, Partial<typeof opening>, string][] = [
      ['a refund above the outcome\'s maximum', { request: { ...request, proposals: [{ type: 'partial_refund', amount: EUR(9_000) }] } }, '$.proposals[0]'],
      ['a resolution the outcome does not offer', { request: { ...request, proposals: [{ type: 'replacement' }] } }, '$.proposals[0]'],
      ['too short a description', { request: { ...request, description: 'broken' } }, '$.description'],
      ['too few photos', { request: { ...request, photoIds: [] }, photos: [] }, '$.photoIds'],
      ['photos that are not the ones the request names', { photos: [] }, '$.photoIds'],
    ];
    for (const [name, change, path] of refused) {
      it(`refuses to open with ${name}`, () => {
        const result = openDispute({ ...opening, ...change });
        expect(result.ok).to.equal(false);
        if (result.ok || result.refusal.code !== 'invalid_request') return expect.fail('expected invalid_request');
        expect(result.refusal.faults.some((f) => f.path.startsWith(path)), JSON.stringify(result.refusal.faults)).to.equal(true);
      });
    }

    it('refuses a request made against another version of the tree', () => {
      expect(openDispute({ ...opening, request: { ...request, treeVersion: 2 } })).to.deep.equal({
        ok: false, refusal: { code: 'tree_mismatch', treeId: 'physical-goods', treeVersion: 2 },
      });
    });

    it('refuses a request that is not one, naming each field in English', () => {
      const garbage = openDispute({ ...opening, request: { ...request, orderId: 7 } as unknown as typeof request });
      expect(garbage).to.deep.equal({
        ok: false,
        refusal: { code: 'invalid_request', faults: [{ code: 'shape', path: '$.orderId', message: 'expected text (got 7)' }] },
      });
    });

    // What the backend passes in besides the request is the backend's responsibility, not the buyer's.
    const badInput: [string, Partial<typeof opening>, string][] = [
      ['a price of a fraction of a cent', { price: EUR(100.5) }, '$.price.amount'],
      ['a price in a currency that does not exist', { price: { amount: 10_000, currency: 'XXX' } }, '$.price.currency'],
      ['an empty id', { id: '' }, '$.id'],
      ['a time that is not a time', { at: 'tomorrow' }, '$.at'],
      ['a photo without its size', { photos: [{ ...record.photos[0]!, bytes: 0 }] }, '$.photos[0].bytes'],
      ['a tree that is not valid', { tree: { ...tree, root: 'nowhere' } }, '$.tree.root'],
    ];
    for (const [name, change, path] of badInput) {
      it(`refuses to open with ${name} as invalid input, without throwing`, () => {
        const result = openDispute({ ...opening, ...change });
        if (result.ok || result.refusal.code !== 'invalid_input') return expect.fail(JSON.stringify(result));
        expect(result.refusal.faults.map((f) => f.path)).to.include(path);
      });
    }
  });

  // Every transition the lifecycle has, named as it is drawn in the machine's documentation.
  const transitions: {
    name: string;
    from: DisputeStatus;
    event: LifecycleEvent;
    to: DisputeStatus;
    o?: OutcomeNode;
    check?: (d: Dispute) => void;
  }[] = [
    {
      name: 'awaiting_seller --ACCEPT (seller)--> settling',
      from: 'awaiting_seller', event: eventOf('ACCEPT', 'seller', at(5)), to: 'settling',
      check: (d) => {
        expect(d.sellerResponse).to.deep.equal({ kind: 'accept', proposalId: 'p-1' });
        expect(d.settlement).to.deep.equal({
          resolution: record.proposals[0]?.resolution, refund: EUR(2_500), payout: EUR(7_500), decidedBy: 'seller', status: 'pending',
        });
      },
    },
    {
      name: 'awaiting_seller --COUNTER (seller)--> awaiting_buyer',
      from: 'awaiting_seller', event: eventOf('COUNTER', 'seller', at(5)), to: 'awaiting_buyer',
      check: (d) => {
        expect(d.counterOffer).to.deep.equal({ resolution: counter, message: 'Half of what you ask.', answer: null });
        expect(d.idle).to.deep.equal({ waitingFor: 'buyer', at: at(53), then: 'escalate' });
      },
    },
    {
      name: 'awaiting_seller --REJECT (seller)--> escalated',
      from: 'awaiting_seller', event: eventOf('REJECT', 'seller', at(5)), to: 'escalated',
      check: (d) => {
        expect(d.sellerResponse).to.deep.equal({ kind: 'reject', reason: 'The photos show a different item.' });
        expect(d.escalation).to.deep.equal({ by: 'seller', cause: 'seller_rejected', reason: 'The photos show a different item.', at: at(5) });
      },
    },
    {
      name: 'awaiting_seller --ESCALATE (seller)--> escalated',
      from: 'awaiting_seller', event: eventOf('ESCALATE', 'seller', at(5)), to: 'escalated',
      check: (d) => expect(d.escalation?.cause).to.equal('requested'),
    },
    {
      name: 'awaiting_seller --ESCALATE (support)--> escalated',
      from: 'awaiting_seller', event: eventOf('ESCALATE', 'support', at(5)), to: 'escalated',
      check: (d) => expect(d.escalation?.by).to.equal('support'),
    },
    {
      name: 'awaiting_seller --WITHDRAW (buyer)--> withdrawn',
      from: 'awaiting_seller', event: eventOf('WITHDRAW', 'buyer', at(5)), to: 'withdrawn',
      check: (d) => expect(d.idle).to.deep.equal({ waitingFor: null, at: null, then: 'none' }),
    },
    {
      name: 'awaiting_seller --DEADLINE (system, default escalate)--> escalated',
      from: 'awaiting_seller', event: eventOf('DEADLINE', 'system', at(72)), to: 'escalated',
      check: (d) => {
        expect(d.escalation).to.deep.equal({ by: 'system', cause: 'seller_deadline', at: at(72) });
        expect(d.timeline.map((e) => e.type)).to.deep.equal(['opened', 'deadline_lapsed', 'escalated']);
      },
    },
    {
      name: 'awaiting_seller --DEADLINE (system, default accept_first_proposal)--> settling',
      from: 'awaiting_seller', event: eventOf('DEADLINE', 'system', at(72)), to: 'settling',
      o: { ...outcome, deadline: { ...outcome.deadline, onLapse: 'accept_first_proposal' } },
      check: (d) => expect(d.settlement).to.deep.include({ refund: EUR(2_500), payout: EUR(7_500), decidedBy: 'system' }),
    },
    {
      name: 'awaiting_buyer --ACCEPT (buyer)--> settling',
      from: 'awaiting_buyer', event: eventOf('ACCEPT', 'buyer', at(6)), to: 'settling',
      check: (d) => {
        expect(d.counterOffer?.answer).to.equal('accepted');
        expect(d.settlement).to.deep.include({ refund: EUR(1_500), payout: EUR(8_500), decidedBy: 'buyer' });
      },
    },
    {
      name: 'awaiting_buyer --REJECT (buyer)--> escalated',
      from: 'awaiting_buyer', event: eventOf('REJECT', 'buyer', at(6)), to: 'escalated',
      check: (d) => {
        expect(d.counterOffer).to.deep.include({ answer: 'rejected', reason: 'The photos show a different item.' });
        expect(d.escalation?.cause).to.equal('buyer_rejected_counter');
      },
    },
    {
      name: 'awaiting_buyer --ESCALATE (buyer)--> escalated',
      from: 'awaiting_buyer', event: eventOf('ESCALATE', 'buyer', at(6)), to: 'escalated',
      check: (d) => expect(d.escalation).to.deep.include({ by: 'buyer', cause: 'requested' }),
    },
    {
      name: 'awaiting_buyer --ESCALATE (support)--> escalated',
      from: 'awaiting_buyer', event: eventOf('ESCALATE', 'support', at(6)), to: 'escalated',
    },
    {
      name: 'awaiting_buyer --WITHDRAW (buyer)--> withdrawn',
      from: 'awaiting_buyer', event: eventOf('WITHDRAW', 'buyer', at(6)), to: 'withdrawn',
    },
    {
      name: 'awaiting_buyer --DEADLINE (system)--> escalated',
      from: 'awaiting_buyer', event: eventOf('DEADLINE', 'system', at(49)), to: 'escalated',
      check: (d) => expect(d.escalation).to.deep.equal({ by: 'system', cause: 'buyer_deadline', at: at(49) }),
    },
    {
      name: 'escalated --DECIDE (support)--> settling',
      from: 'escalated', event: eventOf('DECIDE', 'support', at(7)), to: 'settling',
      check: (d) => expect(d.settlement).to.deep.include({ refund: EUR(4_000), payout: EUR(6_000), decidedBy: 'support' }),
    },
    {
      name: 'escalated --WITHDRAW (buyer)--> withdrawn',
      from: 'escalated', event: eventOf('WITHDRAW', 'buyer', at(7)), to: 'withdrawn',
    },
    {
      name: 'settling --SETTLED (system)--> resolved',
      from: 'settling', event: eventOf('SETTLED', 'system', at(8)), to: 'resolved',
      check: (d) => expect(d.settlement?.status).to.equal('paid'),
    },
    {
      name: 'settling --SETTLEMENT_FAILED (system)--> settlement_failed',
      from: 'settling', event: eventOf('SETTLEMENT_FAILED', 'system', at(8)), to: 'settlement_failed',
      check: (d) => {
        expect(d.settlement).to.deep.include({ status: 'failed', failureReason: 'Card expired' });
        expect(d.idle).to.deep.equal({ waitingFor: 'support', at: null, then: 'none' });
      },
    },
    {
      name: 'settlement_failed --RETRY_SETTLEMENT (support)--> settling',
      from: 'settlement_failed', event: eventOf('RETRY_SETTLEMENT', 'support', at(9)), to: 'settling',
      check: (d) => {
        expect(d.settlement?.status).to.equal('pending');
        expect(d.settlement).not.to.have.property('failureReason');
      },
    },
    {
      name: 'resolved --RATE (buyer)--> resolved',
      from: 'resolved', event: eventOf('RATE', 'buyer', at(9)), to: 'resolved',
      check: (d) => expect(d.ratings).to.deep.equal([{ role: 'buyer', score: 4 }]),
    },
    {
      name: 'resolved --RATE (seller)--> resolved',
      from: 'resolved', event: eventOf('RATE', 'seller', at(9)), to: 'resolved',
    },
    {
      name: 'withdrawn --RATE (buyer)--> withdrawn',
      from: 'withdrawn', event: eventOf('RATE', 'buyer', at(9)), to: 'withdrawn',
    },
    {
      name: 'withdrawn --RATE (seller)--> withdrawn',
      from: 'withdrawn', event: eventOf('RATE', 'seller', at(9)), to: 'withdrawn',
    },
  ];

  describe('transitions', () => {
    for (const { name, from, event, to, o, check } of transitions) {
      it(name, () => {
        const start = o === undefined ? reach(from) : open(o);
        const before = disputeOf(start);
        const dispute = disputeOf(send(start, event));
        expect(dispute.status).to.equal(to);
        expect(Dispute.safeParse(dispute).success, 'the result is a valid dispute').to.equal(true);
        expect(dispute.updatedAt).to.equal(event.at);
        expect(dispute.timeline.length).to.be.greaterThan(before.timeline.length);
        expect(dispute.timeline.at(-1)?.at).to.equal(event.at);
        check?.(dispute);
      });
    }

    it('covers every (state, event, role) the rules allow', () => {
      const covered = new Set(transitions.map((t) => `${t.from}/${t.event.type}/${t.event.role}`));
      for (const status of STATUSES) {
        for (const [type, roles] of Object.entries(ALLOWED[status])) {
          for (const role of roles) {
            expect(covered.has(`${status}/${type}/${role}`), `a test for ${status}/${type}/${role}`).to.equal(true);
          }
        }
      }
    });
  });

  describe('refusals by state and role', () => {
    // Exhaustive: every event type by every actor in every state, valid in content.
    for (const status of STATUSES) {
      for (const type of EVENT_TYPES) {
        const roles = ALLOWED[status][type];
        for (const role of ACTORS) {
          if (roles?.includes(role)) continue;
          const expected = roles === undefined ? 'invalid_state' : 'forbidden_role';
          it(`${status}: ${type} by ${role} is refused (${expected}) and changes nothing`, () => {
            const snapshot = reach(status);
            const event = eventOf(type, role, at(100));
            expect(refusalOf(snapshot, event)?.code).to.equal(expected);
            const [next] = transition(lifecycleMachine, snapshot, event);
            expect(disputeOf(next)).to.deep.equal(disputeOf(snapshot));
          });
        }
      }
    }
  });

  describe('refusals by content', () => {
    const malformed = (e: object) => e as unknown as LifecycleEvent;
    const cases: { name: string; from: DisputeStatus; event: LifecycleEvent; refusal: object; o?: OutcomeNode }[] = [
      {
        name: 'accepting a proposal that does not exist', from: 'awaiting_seller',
        event: { type: 'ACCEPT', role: 'seller', at: at(1), proposalId: 'p-9' },
        refusal: { code: 'unknown_proposal', proposalId: 'p-9' },
      },
      {
        name: 'accepting without naming a proposal', from: 'awaiting_seller',
        event: { type: 'ACCEPT', role: 'seller', at: at(1) },
        refusal: { code: 'unknown_proposal', proposalId: undefined },
      },
      {
        name: 'a counter below the minimum (10 %)', from: 'awaiting_seller',
        event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(999) } },
        refusal: { code: 'resolution', fault: { code: 'below_min', min: EUR(1_000) } },
      },
      {
        name: 'a counter above the maximum (50 %)', from: 'awaiting_seller',
        event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(5_001) } },
        refusal: { code: 'resolution', fault: { code: 'above_max', max: EUR(5_000) } },
      },
      {
        name: 'a counter in another currency', from: 'awaiting_seller',
        event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: { amount: 2_000, currency: 'USD' } } },
        refusal: { code: 'resolution', fault: { code: 'currency_mismatch', expected: 'EUR' } },
      },
      {
        name: 'a counter the outcome does not offer', from: 'awaiting_seller',
        event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'replacement' } },
        refusal: { code: 'resolution', fault: { code: 'not_offered', type: 'replacement' } },
      },
      {
        name: "a counter with the terms of one of the buyer's proposals", from: 'awaiting_seller',
        event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(2_500) } },
        refusal: { code: 'counter_same_as_proposal', proposalId: 'p-1' },
      },
      {
        name: 'a counter where the outcome allows none', from: 'awaiting_seller', o: { ...outcome, counterOffer: false },
        event: eventOf('COUNTER', 'seller', at(1)),
        refusal: { code: 'counter_not_allowed' },
      },
      {
        name: 'the seller deadline before it has passed', from: 'awaiting_seller',
        event: eventOf('DEADLINE', 'system', at(71.99)),
        refusal: { code: 'deadline_not_reached', deadline: at(72) },
      },
      {
        name: 'the buyer deadline before it has passed', from: 'awaiting_buyer',
        event: eventOf('DEADLINE', 'system', at(48)),
        refusal: { code: 'deadline_not_reached', deadline: at(49) },
      },
      {
        name: 'an answer from the seller once their deadline has passed', from: 'awaiting_seller',
        event: eventOf('ACCEPT', 'seller', at(72)),
        refusal: { code: 'deadline_passed', deadline: at(72) },
      },
      {
        name: 'an answer from the buyer once their deadline has passed', from: 'awaiting_buyer',
        event: eventOf('ACCEPT', 'buyer', at(50)),
        refusal: { code: 'deadline_passed', deadline: at(49) },
      },
      {
        name: 'an event dated before the last change', from: 'awaiting_buyer',
        event: eventOf('ACCEPT', 'buyer', at(0.5)),
        refusal: { code: 'invalid_time', at: at(0.5), notBefore: at(1) },
      },
      {
        name: 'support deciding a refund above the price', from: 'escalated',
        event: { type: 'DECIDE', role: 'support', at: at(2), resolution: { type: 'partial_refund', amount: EUR(10_001) } },
        refusal: { code: 'resolution', fault: { code: 'above_max', max: EUR(10_000) } },
      },
      {
        name: 'a second rating by the same party', from: 'resolved',
        event: eventOf('RATE', 'seller', at(9)),
        refusal: { code: 'already_rated' },
      },
    ];
    for (const { name, from, event, refusal, o } of cases) {
      it(`refuses ${name} and changes nothing`, () => {
        const base = o === undefined ? reach(from) : open(o);
        const snapshot = name.startsWith('a second rating') ? send(base, eventOf('RATE', 'seller', at(8))) : base;
        expect(refusalOf(snapshot, event)).to.deep.equal(refusal);
        const [next] = transition(lifecycleMachine, snapshot, event);
        expect(disputeOf(next)).to.deep.equal(disputeOf(snapshot));
      });
    }

    // Malformed events never reach a rule, and never throw: each is refused with the field at fault.
    const invalid: { name: string; from: DisputeStatus; event: LifecycleEvent; path: string }[] = [
      { name: 'a counter without a resolution', from: 'awaiting_seller', event: malformed({ type: 'COUNTER', role: 'seller', at: at(1) }), path: '$.resolution' },
      { name: 'a counter of a fraction of a cent', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(1_500.5) } }, path: '$.resolution.amount.amount' },
      { name: 'a counter message of 2001 characters', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: counter, message: 'x'.repeat(2001) }, path: '$.message' },
      { name: 'a rejection without a reason', from: 'awaiting_seller', event: { type: 'REJECT', role: 'seller', at: at(1), reason: '   ' }, path: '$.reason' },
      { name: 'an escalation without a reason', from: 'awaiting_buyer', event: { type: 'ESCALATE', role: 'buyer', at: at(2), reason: '' }, path: '$.reason' },
      { name: 'a settlement failure without a reason', from: 'settling', event: malformed({ type: 'SETTLEMENT_FAILED', role: 'system', at: at(2) }), path: '$.reason' },
      { name: 'support deciding a negative refund', from: 'escalated', event: { type: 'DECIDE', role: 'support', at: at(2), resolution: { type: 'partial_refund', amount: EUR(-500) } }, path: '$.resolution.amount.amount' },
      { name: 'support deciding a refund of NaN', from: 'escalated', event: { type: 'DECIDE', role: 'support', at: at(2), resolution: { type: 'partial_refund', amount: EUR(Number.NaN) } }, path: '$.resolution.amount.amount' },
      { name: 'a rating out of range', from: 'resolved', event: { type: 'RATE', role: 'buyer', at: at(3), score: 6 }, path: '$.score' },
      { name: 'a time that is not a time', from: 'awaiting_seller', event: { type: 'WITHDRAW', role: 'buyer', at: 'yesterday' }, path: '$.at' },
      { name: 'a date without a time', from: 'awaiting_seller', event: { type: 'WITHDRAW', role: 'buyer', at: '2026-11-03' }, path: '$.at' },
      { name: 'an unknown role', from: 'awaiting_seller', event: malformed({ type: 'WITHDRAW', role: 'admin', at: at(1) }), path: '$.role' },
      { name: 'an unknown event', from: 'awaiting_seller', event: malformed({ type: 'PAY', role: 'buyer', at: at(1) }), path: '$.type' },
      { name: "the buyer accepting one of their own proposals instead of the counter-offer", from: 'awaiting_buyer', event: { type: 'ACCEPT', role: 'buyer', at: at(2), proposalId: 'p-1' }, path: '$.proposalId' },
    ];
    for (const { name, from, event, path } of invalid) {
      it(`refuses ${name} as an invalid event naming "${path}"`, () => {
        const snapshot = reach(from);
        const refusal = refusalOf(snapshot, event);
        expect(refusal?.code).to.equal('invalid_event');
        expect(refusal?.code === 'invalid_event' && refusal.faults.map((f) => f.path)).to.include(path);
        const [next] = transition(lifecycleMachine, snapshot, event);
        expect(disputeOf(next)).to.deep.equal(disputeOf(snapshot));
      });
    }

    it('accepts a counter exactly at either bound', () => {
      for (const amount of [1_000, 5_000]) {
        const event: LifecycleEvent = { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(amount) } };
        expect(refusalOf(open(), event)).to.equal(null);
      }
    });

    it('lets each party rate once', () => {
      const rated = send(reach('resolved'), eventOf('RATE', 'buyer', at(3)));
      expect(refusalOf(rated, eventOf('RATE', 'buyer', at(4)))?.code).to.equal('already_rated');
      expect(refusalOf(rated, eventOf('RATE', 'seller', at(4)))).to.equal(null);
    });

    it('allows one counter-offer only: after it, the seller can no longer counter', () => {
      expect(refusalOf(reach('awaiting_buyer'), eventOf('COUNTER', 'seller', at(2)))?.code).to.equal('invalid_state');
    });
  });

  describe('deadline defaults', () => {
    const lenient: OutcomeNode = { ...outcome, deadline: { ...outcome.deadline, onLapse: 'accept_first_proposal' } };

    it("announces and then accepts the buyer's first proposal when the outcome says so", () => {
      const opened = open(lenient);
      expect(disputeOf(opened).idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'accept_first_proposal' });
      const dispute = disputeOf(send(opened, eventOf('DEADLINE', 'system', at(80))));
      expect(dispute.status).to.equal('settling');
      expect(dispute.settlement).to.deep.include({ refund: EUR(2_500), payout: EUR(7_500), decidedBy: 'system' });
    });

    it('announces and then escalates when there is no proposal to accept', () => {
      const opened = open(lenient, { ...record, proposals: [] });
      expect(disputeOf(opened).idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'escalate' });
      expect(disputeOf(send(opened, eventOf('DEADLINE', 'system', at(72)))).status).to.equal('escalated');
    });

    it('keeps the seller deadline on record after a counter-offer sets the buyer deadline', () => {
      expect(disputeOf(reach('awaiting_buyer')).deadlines).to.deep.equal({ seller: at(72), buyer: at(49) });
    });
  });

  describe('lapseIfDue (what the backend calls before reading or writing)', () => {
    const lapse = (dispute: Dispute, now: string) => {
      const result = lapseIfDue(dispute, tree, now);
      if (!result.ok) return expect.fail(JSON.stringify(result.refusal));
      return result.dispute;
    };

    it('leaves a dispute alone before its deadline', () => {
      const dispute = disputeOf(open());
      expect(lapse(dispute, at(71))).to.deep.equal(dispute);
    });

    it('applies the lapse as of the deadline, not as of when it was noticed', () => {
      const lapsed = lapse(disputeOf(open()), at(200));
      expect(lapsed.status).to.equal('escalated');
      expect(lapsed.escalation).to.deep.equal({ by: 'system', cause: 'seller_deadline', at: at(72) });
      expect(lapsed.updatedAt).to.equal(at(72));
    });

    it("applies the buyer's lapse after a counter-offer", () => {
      const lapsed = lapse(disputeOf(reach('awaiting_buyer')), at(60));
      expect(lapsed.escalation).to.deep.equal({ by: 'system', cause: 'buyer_deadline', at: at(49) });
    });

    it('then refuses the late answer for the state it is in now', () => {
      const lapsed = lapse(disputeOf(open()), at(100));
      const result = applyLifecycleEvent(lapsed, tree, eventOf('ACCEPT', 'seller', at(100)));
      expect(result.ok || result.refusal.code).to.equal('invalid_state');
    });

    it('leaves ended disputes alone', () => {
      const dispute = disputeOf(reach('resolved'));
      expect(lapse(dispute, at(1000))).to.deep.equal(dispute);
    });

    it('refuses a clock reading that is not a time instead of lapsing', () => {
      const result = lapseIfDue(disputeOf(open()), tree, 'not a time');
      expect(result.ok || result.refusal.code).to.equal('invalid_input');
    });

    it('reads the deadline from the record, not from the derived idle outcome', () => {
      const dispute = disputeOf(open());
      const lapsed = lapse({ ...dispute, idle: { ...dispute.idle, at: null } }, at(73));
      expect(lapsed.status).to.equal('escalated');
    });
  });

  describe("the seller's flow meets the lifecycle", () => {
    it('turns each SellerResponse into the lifecycle event the backend applies', () => {
      expect(sellerResponseAction({ kind: 'accept', proposalId: 'p-2' }, at(1))).to.deep.equal({ type: 'ACCEPT', role: 'seller', at: at(1), proposalId: 'p-2' });
      expect(sellerResponseAction({ kind: 'counter', resolution: counter, message: 'Deal?' }, at(1))).to.deep.equal({ type: 'COUNTER', role: 'seller', at: at(1), resolution: counter, message: 'Deal?' });
      expect(sellerResponseAction({ kind: 'reject', reason: 'Not damaged by me' }, at(1))).to.deep.equal({ type: 'REJECT', role: 'seller', at: at(1), reason: 'Not damaged by me' });
      const result = applyLifecycleEvent(disputeOf(open()), tree, sellerResponseAction({ kind: 'accept', proposalId: 'p-2' }, at(1)));
      expect(result.ok && result.dispute.settlement?.refund).to.deep.equal(EUR(10_000));
    });

    it('stores a blank counter message as no message', () => {
      const dispute = disputeOf(send(open(), { type: 'COUNTER', role: 'seller', at: at(1), resolution: counter, message: '   ' }));
      expect(dispute.counterOffer).to.deep.equal({ resolution: counter, answer: null });
    });
  });

  describe('every split pays out exactly what was paid', () => {
    const settled = transitions.filter((t) => t.to === 'settling');
    for (const { name, from, event, o } of settled) {
      it(name, () => {
        const { settlement, price } = disputeOf(send(o === undefined ? reach(from) : open(o), event));
        expect(settlement).not.to.equal(null);
        expect((settlement?.refund.amount ?? 0) + (settlement?.payout.amount ?? 0)).to.equal(price.amount);
      });
    }
  });

  describe('persistence', () => {
    for (const status of STATUSES) {
      it(`restores a stored ${status} dispute exactly from its JSON`, () => {
        const dispute = disputeOf(reach(status));
        const parsed = Dispute.parse(JSON.parse(JSON.stringify(dispute)));
        const restored = restoreLifecycle(parsed, tree);
        if (!restored.ok) expect.fail(restored.refusal.code);
        expect(statusOf(restored.snapshot)).to.equal(status);
        expect(disputeOf(restored.snapshot)).to.deep.equal(dispute);
        // The restored snapshot keeps enforcing the rules.
        for (const type of EVENT_TYPES) {
          for (const role of ACTORS) {
            const event = eventOf(type, role, at(100));
            expect(refusalOf(restored.snapshot, event)?.code, `${type}/${role}`).to.equal(refusalOf(reach(status), event)?.code);
          }
        }
      });
    }

    it('refuses to restore under another tree version or a tree without the outcome', () => {
      const dispute = disputeOf(open());
      for (const other of [{ ...tree, version: 2 }, { ...tree, id: 'services' }, { ...tree, nodes: { elsewhere: outcome } }]) {
        expect(restoreLifecycle(dispute, other)).to.deep.equal({ ok: false, refusal: { code: 'tree_mismatch', treeId: 'physical-goods', treeVersion: 1 } });
      }
    });

    const corrupt: [string, (d: Dispute) => Dispute][] = [
      ['awaiting_buyer without a counter-offer', (d) => ({ ...d, status: 'awaiting_buyer', counterOffer: null })],
      ['settling without a settlement', (d) => ({ ...d, status: 'settling', settlement: null })],
      ['awaiting_seller without a deadline', (d) => ({ ...d, deadlines: { seller: null, buyer: null } })],
    ];
    for (const [detail, corrupted] of corrupt) {
      it(`refuses to act on a stored record in ${detail}`, () => {
        const result = applyLifecycleEvent(corrupted(disputeOf(open())), tree, eventOf('ACCEPT', 'buyer', at(1)));
        expect(result).to.deep.equal({ ok: false, refusal: { code: 'inconsistent_record', detail } });
      });
    }
  });

  describe('applyLifecycleEvent (what the backend calls)', () => {
    it('returns the next dispute for an allowed event', () => {
      const result = applyLifecycleEvent(disputeOf(open()), tree, eventOf('ACCEPT', 'seller', at(1)));
      expect(result.ok && result.dispute.status).to.equal('settling');
    });

    it('returns the refusal for a refused one', () => {
      const result = applyLifecycleEvent(disputeOf(open()), tree, eventOf('ACCEPT', 'buyer', at(1)));
      expect(result).to.deep.equal({ ok: false, refusal: { code: 'forbidden_role', role: 'buyer', allowed: ['seller'] } });
    });
  });
});
