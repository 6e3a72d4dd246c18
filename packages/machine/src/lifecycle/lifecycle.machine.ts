import { splitSettlement, type Actor, type DisputeStatus, type OutcomeNode, type Resolution, type TimelineEntry } from '@amicable/protocol';
import { and, assertEvent, assign, setup } from 'xstate';
import { refusalFor, sellerLapse, type DisputeRecord, type LifecycleContext, type LifecycleEvent } from './lifecycle.rules.js';

/** What opens a dispute: the record as the buyer submitted it, and the outcome's rules. */
export interface LifecycleInput {
  readonly record: DisputeRecord;
  readonly outcome: OutcomeNode;
}

function hoursAfter(at: string, hours: number): string {
  return new Date(Date.parse(at) + hours * 3_600_000).toISOString();
}

/** The record with one more timeline entry, touched at the event's time. */
function logged(record: DisputeRecord, entry: TimelineEntry): DisputeRecord {
  return { ...record, timeline: [...record.timeline, entry], updatedAt: entry.at };
}

function settlementFor(record: DisputeRecord, resolution: Resolution, decidedBy: Actor): DisputeRecord['settlement'] {
  return { resolution, ...splitSettlement(record.price, resolution), decidedBy, status: 'pending' };
}

type Params = { readonly status: DisputeStatus };

/** The guard of every transition: the rules (`refusalFor`) allow the event in `status`. */
const allowedIn = (status: DisputeStatus) => ({ type: 'allowed', params: { status } }) as const;

/**
 * The dispute's lifecycle as the backend enforces it: the one rulebook for who may do what,
 * when, within which bounds. Every event carries the sender's role and the backend's time; an
 * event the rules refuse changes nothing (`refusalOf` says why).
 *
 * ```
 * awaiting_seller --ACCEPT (seller)--> settling --SETTLED--> resolved
 * awaiting_seller --COUNTER (seller, once)--> awaiting_buyer --ACCEPT (buyer)--> settling
 * awaiting_buyer --REJECT (buyer)--> escalated
 * awaiting_seller --REJECT (seller, reason)--> escalated
 * awaiting_* --DEADLINE--> the outcome's default (seller) / escalated (buyer)
 * awaiting_*, escalated --WITHDRAW (buyer)--> withdrawn
 * escalated --DECIDE (support)--> settling
 * settling --SETTLEMENT_FAILED--> settlement_failed --RETRY_SETTLEMENT (support)--> settling
 * ```
 */
export const lifecycleMachine = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  guards: {
    allowed: ({ context, event }, params: Params) => refusalFor(params.status, context, event) === null,
    goesToSupport: ({ context }) => context.outcome.toSupport === true,
    lapseAcceptsFirstProposal: ({ context }) => sellerLapse(context) === 'accept_first_proposal',
  },
  actions: {
    openForSeller: assign(({ context }) => {
      const at = context.record.createdAt;
      const record = logged(context.record, { at, actor: 'buyer', type: 'opened' });
      const seller = hoursAfter(at, context.outcome.deadline.sellerHours);
      return { record: { ...record, deadlines: { ...record.deadlines, seller } } };
    }),
    openToSupport: assign(({ context }) => {
      const at = context.record.createdAt;
      const opened = logged(context.record, { at, actor: 'buyer', type: 'opened' });
      return {
        record: {
          ...logged(opened, { at, actor: 'system', type: 'escalated' }),
          escalation: { by: 'system' as const, cause: 'straight_to_support' as const, at },
        },
      };
    }),
    acceptProposal: assign(({ context, event }) => {
      assertEvent(event, 'ACCEPT');
      const proposal = context.record.proposals.find((p) => p.id === event.proposalId);
      if (proposal === undefined) return {}; // unreachable: the guard requires a known proposal
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'accepted' });
      return {
        record: {
          ...record,
          sellerResponse: { kind: 'accept' as const, proposalId: proposal.id },
          settlement: settlementFor(record, proposal.resolution, event.role),
        },
      };
    }),
    recordCounter: assign(({ context, event }) => {
      assertEvent(event, 'COUNTER');
      const text = event.message?.trim() ?? '';
      const message = text === '' ? {} : { message: text };
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'countered' });
      return {
        record: {
          ...record,
          sellerResponse: { kind: 'counter' as const, resolution: event.resolution, ...message },
          counterOffer: { resolution: event.resolution, ...message, answer: null },
          deadlines: { ...record.deadlines, buyer: hoursAfter(event.at, context.outcome.deadline.buyerHours) },
        },
      };
    }),
    recordSellerRejection: assign(({ context, event }) => {
      assertEvent(event, 'REJECT');
      const reason = event.reason.trim();
      return {
        record: {
          ...logged(context.record, { at: event.at, actor: event.role, type: 'rejected', note: reason }),
          sellerResponse: { kind: 'reject' as const, reason },
          escalation: { by: event.role, cause: 'seller_rejected' as const, reason, at: event.at },
        },
      };
    }),
    acceptCounter: assign(({ context, event }) => {
      assertEvent(event, 'ACCEPT');
      const counter = context.record.counterOffer;
      if (counter === null) return {}; // unreachable: awaiting_buyer always holds a counter-offer
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'counter_accepted' });
      return {
        record: {
          ...record,
          counterOffer: { ...counter, answer: 'accepted' as const },
          settlement: settlementFor(record, counter.resolution, event.role),
        },
      };
    }),
    recordCounterRejection: assign(({ context, event }) => {
      assertEvent(event, 'REJECT');
      const counter = context.record.counterOffer;
      if (counter === null) return {};
      const reason = event.reason.trim();
      return {
        record: {
          ...logged(context.record, { at: event.at, actor: event.role, type: 'counter_rejected', note: reason }),
          counterOffer: { ...counter, answer: 'rejected' as const, reason },
          escalation: { by: event.role, cause: 'buyer_rejected_counter' as const, reason, at: event.at },
        },
      };
    }),
    recordEscalation: assign(({ context, event }) => {
      assertEvent(event, 'ESCALATE');
      const reason = event.reason.trim();
      return {
        record: {
          ...logged(context.record, { at: event.at, actor: event.role, type: 'escalated', note: reason }),
          escalation: { by: event.role, cause: 'requested' as const, reason, at: event.at },
        },
      };
    }),
    recordWithdrawal: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAW');
      return { record: logged(context.record, { at: event.at, actor: event.role, type: 'withdrawn' }) };
    }),
    lapseToFirstProposal: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE');
      const first = context.record.proposals[0];
      if (first === undefined) return {}; // unreachable: the guard requires a proposal
      const record = logged(context.record, { at: event.at, actor: 'system', type: 'deadline_lapsed' });
      return { record: { ...record, settlement: settlementFor(record, first.resolution, 'system') } };
    }),
    lapseToSupport: assign(({ context, event }, params: Params) => {
      assertEvent(event, 'DEADLINE');
      const cause = params.status === 'awaiting_buyer' ? ('buyer_deadline' as const) : ('seller_deadline' as const);
      const lapsed = logged(context.record, { at: event.at, actor: 'system', type: 'deadline_lapsed' });
      return {
        record: {
          ...logged(lapsed, { at: event.at, actor: 'system', type: 'escalated' }),
          escalation: { by: 'system' as const, cause, at: event.at },
        },
      };
    }),
    recordDecision: assign(({ context, event }) => {
      assertEvent(event, 'DECIDE');
      const text = event.note?.trim() ?? '';
      const note = text === '' ? {} : { note: text };
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'decided', ...note });
      return { record: { ...record, settlement: settlementFor(record, event.resolution, event.role) } };
    }),
    recordPayout: assign(({ context, event }) => {
      assertEvent(event, 'SETTLED');
      const { settlement } = context.record;
      if (settlement === null) return {};
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'settled' });
      return { record: { ...record, settlement: { ...settlement, status: 'paid' as const } } };
    }),
    recordPayoutFailure: assign(({ context, event }) => {
      assertEvent(event, 'SETTLEMENT_FAILED');
      const { settlement } = context.record;
      if (settlement === null) return {};
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'settlement_failed', note: event.reason });
      return { record: { ...record, settlement: { ...settlement, status: 'failed' as const, failureReason: event.reason } } };
    }),
    recordPayoutRetry: assign(({ context, event }) => {
      assertEvent(event, 'RETRY_SETTLEMENT');
      const { settlement } = context.record;
      if (settlement === null) return {};
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'settlement_retried' });
      const { failureReason: _dropped, ...rest } = settlement;
      return { record: { ...record, settlement: { ...rest, status: 'pending' as const } } };
    }),
    recordRating: assign(({ context, event }) => {
      assertEvent(event, 'RATE');
      if (event.role !== 'buyer' && event.role !== 'seller') return {};
      const text = event.comment?.trim() ?? '';
      const comment = text === '' ? {} : { comment: text };
      const record = logged(context.record, { at: event.at, actor: event.role, type: 'rated' });
      return { record: { ...record, ratings: [...record.ratings, { role: event.role, score: event.score, ...comment }] } };
    }),
  },
}).createMachine({
  id: 'dispute-lifecycle',
  context: ({ input }) => ({ record: input.record, outcome: input.outcome }),
  initial: 'opening',
  states: {
    opening: {
      always: [
        { guard: 'goesToSupport', target: 'escalated', actions: 'openToSupport' },
        { target: 'awaiting_seller', actions: 'openForSeller' },
      ],
    },
    awaiting_seller: {
      on: {
        ACCEPT: { guard: allowedIn('awaiting_seller'), target: 'settling', actions: 'acceptProposal' },
        COUNTER: { guard: allowedIn('awaiting_seller'), target: 'awaiting_buyer', actions: 'recordCounter' },
        REJECT: { guard: allowedIn('awaiting_seller'), target: 'escalated', actions: 'recordSellerRejection' },
        ESCALATE: { guard: allowedIn('awaiting_seller'), target: 'escalated', actions: 'recordEscalation' },
        WITHDRAW: { guard: allowedIn('awaiting_seller'), target: 'withdrawn', actions: 'recordWithdrawal' },
        DEADLINE: [
          {
            guard: and([allowedIn('awaiting_seller'), 'lapseAcceptsFirstProposal']),
            target: 'settling',
            actions: 'lapseToFirstProposal',
          },
          {
            guard: allowedIn('awaiting_seller'),
            target: 'escalated',
            actions: { type: 'lapseToSupport', params: { status: 'awaiting_seller' } },
          },
        ],
      },
    },
    awaiting_buyer: {
      on: {
        ACCEPT: { guard: allowedIn('awaiting_buyer'), target: 'settling', actions: 'acceptCounter' },
        REJECT: { guard: allowedIn('awaiting_buyer'), target: 'escalated', actions: 'recordCounterRejection' },
        ESCALATE: { guard: allowedIn('awaiting_buyer'), target: 'escalated', actions: 'recordEscalation' },
        WITHDRAW: { guard: allowedIn('awaiting_buyer'), target: 'withdrawn', actions: 'recordWithdrawal' },
        DEADLINE: {
          guard: allowedIn('awaiting_buyer'),
          target: 'escalated',
          actions: { type: 'lapseToSupport', params: { status: 'awaiting_buyer' } },
        },
      },
    },
    escalated: {
      on: {
        DECIDE: { guard: allowedIn('escalated'), target: 'settling', actions: 'recordDecision' },
        WITHDRAW: { guard: allowedIn('escalated'), target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    settling: {
      on: {
        SETTLED: { guard: allowedIn('settling'), target: 'resolved', actions: 'recordPayout' },
        SETTLEMENT_FAILED: { guard: allowedIn('settling'), target: 'settlement_failed', actions: 'recordPayoutFailure' },
      },
    },
    settlement_failed: {
      on: {
        RETRY_SETTLEMENT: { guard: allowedIn('settlement_failed'), target: 'settling', actions: 'recordPayoutRetry' },
      },
    },
    // Not `final`: the parties may still rate how it ended.
    resolved: {
      on: { RATE: { guard: allowedIn('resolved'), actions: 'recordRating' } },
    },
    withdrawn: {
      on: { RATE: { guard: allowedIn('withdrawn'), actions: 'recordRating' } },
    },
  },
});
