import {
  Rating,
  Reason,
  checkDecision,
  checkResolution,
  sameResolution,
  type Actor,
  type Dispute,
  type DisputeStatus,
  type OutcomeNode,
  type ResolutionFault,
} from '@amicable/protocol';
import type { LifecycleEvent, LifecycleEventType } from './lifecycle.events.js';

/** What the lifecycle machine keeps: the dispute record without what the state itself says. */
export interface LifecycleContext {
  readonly record: DisputeRecord;
  readonly outcome: OutcomeNode;
  /** When the current party's time runs out; `null` where nobody is on a clock. */
  readonly deadline: string | null;
}

/** The dispute minus `status` and `idle`, which are derived from the machine's state. */
export type DisputeRecord = Omit<Dispute, 'status' | 'idle'>;

/**
 * Who may send which event in which state. The machine's guards and `refusalOf` both read this
 * table, so the rule exists once.
 */
export const ALLOWED: Readonly<Record<DisputeStatus, Partial<Record<LifecycleEventType, readonly Actor[]>>>> = {
  awaiting_seller: {
    ACCEPT: ['seller'],
    COUNTER: ['seller'],
    REJECT: ['seller'],
    ESCALATE: ['seller', 'support'],
    WITHDRAW: ['buyer'],
    DEADLINE: ['system'],
  },
  awaiting_buyer: {
    ACCEPT: ['buyer'],
    REJECT: ['buyer'],
    ESCALATE: ['buyer', 'support'],
    WITHDRAW: ['buyer'],
    DEADLINE: ['system'],
  },
  escalated: {
    DECIDE: ['support'],
    WITHDRAW: ['buyer'],
  },
  settling: {
    SETTLED: ['system'],
    SETTLEMENT_FAILED: ['system'],
  },
  settlement_failed: {
    RETRY_SETTLEMENT: ['support'],
  },
  resolved: {
    RATE: ['buyer', 'seller'],
  },
  withdrawn: {
    RATE: ['buyer', 'seller'],
  },
};

/** Why the lifecycle refused an event; the backend maps each code to a problem type. */
export type Refusal =
  | { readonly code: 'invalid_state'; readonly status: DisputeStatus; readonly event: string }
  | { readonly code: 'forbidden_role'; readonly role: Actor; readonly allowed: readonly Actor[] }
  | { readonly code: 'unknown_proposal'; readonly proposalId: string | undefined }
  | { readonly code: 'counter_not_allowed' }
  | { readonly code: 'counter_same_as_proposal' }
  | { readonly code: 'resolution'; readonly fault: ResolutionFault }
  | { readonly code: 'reason_required' }
  | { readonly code: 'deadline_not_reached'; readonly deadline: string | null }
  | { readonly code: 'already_rated' }
  | { readonly code: 'invalid_rating' }
  | { readonly code: 'invalid_time'; readonly at: string };

/** The checks of an event's content, once its state and role are known to be right. */
export function contentRefusal(
  status: DisputeStatus,
  context: LifecycleContext,
  event: LifecycleEvent,
): Refusal | null {
  if (Number.isNaN(Date.parse(event.at))) return { code: 'invalid_time', at: event.at };
  const { record, outcome } = context;
  switch (event.type) {
    case 'ACCEPT': {
      if (status === 'awaiting_buyer') return null;
      const found = record.proposals.some((p) => p.id === event.proposalId);
      return found ? null : { code: 'unknown_proposal', proposalId: event.proposalId };
    }
    case 'COUNTER': {
      if (!outcome.counterOffer || record.counterOffer !== null) return { code: 'counter_not_allowed' };
      // Agreeing to a proposal is ACCEPT; a counter-offer has to offer something else.
      if (record.proposals.some((p) => sameResolution(p.resolution, event.resolution))) return { code: 'counter_same_as_proposal' };
      const fault = checkResolution(outcome, record.price, event.resolution);
      return fault === null ? null : { code: 'resolution', fault };
    }
    case 'REJECT':
    case 'ESCALATE':
      return Reason.safeParse(event.reason).success ? null : { code: 'reason_required' };
    case 'DEADLINE': {
      const due = context.deadline !== null && Date.parse(event.at) >= Date.parse(context.deadline);
      return due ? null : { code: 'deadline_not_reached', deadline: context.deadline };
    }
    case 'DECIDE': {
      const fault = checkDecision(record.price, event.resolution);
      return fault === null ? null : { code: 'resolution', fault };
    }
    case 'RATE': {
      if (event.role !== 'buyer' && event.role !== 'seller') return null; // the role table refuses it first
      if (record.ratings.some((r) => r.role === event.role)) return { code: 'already_rated' };
      const rating = { role: event.role, score: event.score, comment: event.comment };
      return Rating.safeParse(rating).success ? null : { code: 'invalid_rating' };
    }
    case 'SETTLEMENT_FAILED':
      return event.reason.trim() === '' ? { code: 'reason_required' } : null;
    default:
      return null;
  }
}

/**
 * Why `event` may not happen in `status`, or `null` when it may: the state must accept the
 * event, the sender must have a role allowed to send it there, and its content must pass.
 */
export function refusalFor(status: DisputeStatus, context: LifecycleContext, event: LifecycleEvent): Refusal | null {
  const roles = ALLOWED[status][event.type];
  if (roles === undefined) return { code: 'invalid_state', status, event: event.type };
  if (!roles.includes(event.role)) return { code: 'forbidden_role', role: event.role, allowed: roles };
  return contentRefusal(status, context, event);
}
