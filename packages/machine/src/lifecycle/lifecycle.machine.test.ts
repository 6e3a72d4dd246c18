import { expect } from '@open-wc/testing';
import { Dispute, type Actor, type DisputeStatus, type OutcomeNode, type Resolution } from '@amicable/protocol';
import { transition } from 'xstate';
import type { LifecycleEvent, LifecycleEventType } from './lifecycle.events.js';
import { lifecycleMachine } from './lifecycle.machine.js';
import {
  applyLifecycleEvent,
  disputeOf,
  lifecycleSnapshotOf,
  openLifecycle,
  refusalOf,
  statusOf,
  type LifecycleSnapshot,
} from './lifecycle.record.js';
import { ALLOWED, type DisputeRecord } from './lifecycle.rules.js';

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
  onLapse: 'escalate',
  timeline: [],
  ratings: [],
  createdAt: at(0),
  updatedAt: at(0),
};

const counter: Resolution = { type: 'partial_refund', amount: EUR(1_500) };

/** A valid event of each type, so that only state and role decide whether it is taken. */
function eventOf(type: LifecycleEventType, role: Actor, when: string): LifecycleEvent {
  switch (type) {
    case 'ACCEPT': return { type, role, at: when, proposalId: 'p-1' };
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

const open = (o: OutcomeNode = outcome, r: DisputeRecord = record) => openLifecycle({ record: r, outcome: o });

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
    it('starts awaiting the seller, with the seller deadline from the outcome', () => {
      const dispute = disputeOf(open());
      expect(dispute.status).to.equal('awaiting_seller');
      expect(dispute.idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'escalate' });
      expect(dispute.timeline).to.deep.equal([{ at: at(0), actor: 'buyer', type: 'opened' }]);
    });

    it('goes straight to support for a straight-to-support outcome', () => {
      const dispute = disputeOf(open({ ...outcome, resolutions: [], toSupport: true }, { ...record, proposals: [] }));
      expect(dispute.status).to.equal('escalated');
      expect(dispute.escalation).to.deep.equal({ by: 'system', cause: 'straight_to_support', at: at(0) });
      expect(dispute.idle).to.deep.equal({ waitingFor: 'support', at: null, then: 'none' });
    });
  });

  // Every transition the lifecycle has, named as it is drawn in the machine's documentation.
  const transitions: {
    name: string;
    from: DisputeStatus;
    event: LifecycleEvent;
    to: DisputeStatus;
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
    for (const { name, from, event, to, check } of transitions) {
      it(name, () => {
        const before = disputeOf(reach(from));
        const dispute = disputeOf(send(reach(from), event));
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
    const cases: { name: string; from: DisputeStatus; event: LifecycleEvent; code: string; o?: OutcomeNode }[] = [
      { name: 'accepting a proposal that does not exist', from: 'awaiting_seller', event: { type: 'ACCEPT', role: 'seller', at: at(1), proposalId: 'p-9' }, code: 'unknown_proposal' },
      { name: 'accepting without naming a proposal', from: 'awaiting_seller', event: { type: 'ACCEPT', role: 'seller', at: at(1) }, code: 'unknown_proposal' },
      { name: 'a counter below the minimum (10 %)', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(999) } }, code: 'resolution' },
      { name: 'a counter above the maximum (50 %)', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(5_001) } }, code: 'resolution' },
      { name: 'a counter in another currency', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: { amount: 2_000, currency: 'USD' } } }, code: 'resolution' },
      { name: 'a counter the outcome does not offer', from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'replacement' } }, code: 'resolution' },
      { name: "a counter with the terms of one of the buyer's proposals", from: 'awaiting_seller', event: { type: 'COUNTER', role: 'seller', at: at(1), resolution: { type: 'partial_refund', amount: EUR(2_500) } }, code: 'counter_same_as_proposal' },
      { name: 'a counter where the outcome allows none', from: 'awaiting_seller', o: { ...outcome, counterOffer: false }, event: eventOf('COUNTER', 'seller', at(1)), code: 'counter_not_allowed' },
      { name: 'a rejection without a reason', from: 'awaiting_seller', event: { type: 'REJECT', role: 'seller', at: at(1), reason: '   ' }, code: 'reason_required' },
      { name: 'an escalation without a reason', from: 'awaiting_buyer', event: { type: 'ESCALATE', role: 'buyer', at: at(2), reason: '' }, code: 'reason_required' },
      { name: 'the seller deadline before it has passed', from: 'awaiting_seller', event: eventOf('DEADLINE', 'system', at(71.99)), code: 'deadline_not_reached' },
      { name: 'the buyer deadline before it has passed', from: 'awaiting_buyer', event: eventOf('DEADLINE', 'system', at(48)), code: 'deadline_not_reached' },
      { name: "support deciding a refund above the price", from: 'escalated', event: { type: 'DECIDE', role: 'support', at: at(2), resolution: { type: 'partial_refund', amount: EUR(10_001) } }, code: 'resolution' },
      { name: 'a rating out of range', from: 'resolved', event: { type: 'RATE', role: 'buyer', at: at(3), score: 6 }, code: 'invalid_rating' },
      { name: 'a time that is not a time', from: 'awaiting_seller', event: { type: 'WITHDRAW', role: 'buyer', at: 'yesterday' }, code: 'invalid_time' },
    ];
    for (const { name, from, event, code, o } of cases) {
      it(`refuses ${name} (${code}) and changes nothing`, () => {
        const snapshot = o === undefined ? reach(from) : open(o);
        expect(refusalOf(snapshot, event)?.code).to.equal(code);
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
    it("accepts the buyer's first proposal when the outcome says so", () => {
      const lenient: OutcomeNode = { ...outcome, deadline: { ...outcome.deadline, onLapse: 'accept_first_proposal' } };
      const opened = open(lenient, { ...record, onLapse: 'accept_first_proposal' });
      expect(disputeOf(opened).idle).to.deep.equal({ waitingFor: 'seller', at: at(72), then: 'accept_first_proposal' });
      const dispute = disputeOf(send(opened, eventOf('DEADLINE', 'system', at(80))));
      expect(dispute.status).to.equal('settling');
      expect(dispute.settlement).to.deep.include({ refund: EUR(2_500), payout: EUR(7_500), decidedBy: 'system' });
    });
  });

  describe('every split pays out exactly what was paid', () => {
    const settled = transitions.filter((t) => t.to === 'settling');
    for (const { name, from, event } of settled) {
      it(name, () => {
        const { settlement, price } = disputeOf(send(reach(from), event));
        expect(settlement).not.to.equal(null);
        expect((settlement?.refund.amount ?? 0) + (settlement?.payout.amount ?? 0)).to.equal(price.amount);
      });
    }
  });

  describe('persistence', () => {
    for (const status of STATUSES) {
      it(`restores a stored ${status} dispute exactly from its JSON`, () => {
        const dispute = disputeOf(reach(status));
        const stored = JSON.parse(JSON.stringify(dispute)) as unknown;
        const parsed = Dispute.parse(stored);
        const restored = lifecycleSnapshotOf(parsed, outcome);
        expect(statusOf(restored)).to.equal(status);
        expect(disputeOf(restored)).to.deep.equal(dispute);
        // The restored snapshot keeps enforcing the rules.
        for (const type of EVENT_TYPES) {
          for (const role of ACTORS) {
            const event = eventOf(type, role, at(100));
            expect(refusalOf(restored, event)?.code, `${type}/${role}`).to.equal(refusalOf(reach(status), event)?.code);
          }
        }
      });
    }
  });

  describe('applyLifecycleEvent (what the backend calls)', () => {
    it('returns the next dispute for an allowed event', () => {
      const result = applyLifecycleEvent(disputeOf(open()), outcome, eventOf('ACCEPT', 'seller', at(1)));
      expect(result.ok && result.dispute.status).to.equal('settling');
    });

    it('returns the refusal for a refused one', () => {
      const result = applyLifecycleEvent(disputeOf(open()), outcome, eventOf('ACCEPT', 'buyer', at(1)));
      expect(result).to.deep.equal({ ok: false, refusal: { code: 'forbidden_role', role: 'buyer', allowed: ['seller'] } });
    });
  });
});
