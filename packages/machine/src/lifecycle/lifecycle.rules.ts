import {
  DisputeAction,
  parseWithFaults,
  type Actor,
  type Dispute,
  type DisputeActionType,
  type DisputeStatus,
  type LapseAction,
  type OutcomeNode,
  type ResolutionFault,
  checkDecision,
} from '@amicable/protocol';
import { counterFault } from '../counter-offer.js';

/** An event of the lifecycle: an action on the dispute, with who takes it and when. */
export type LifecycleEvent = DisputeAction;
export type LifecycleEventType = DisputeActionType;

/** The dispute minus `status` and `idle`, which are derived from the machine's state. */
export type DisputeRecord = Omit<Dispute, 'status' | 'idle'>;

/** What the lifecycle machine keeps: the dispute record and the rules of its outcome. */
export interface LifecycleContext {
  readonly record: DisputeRecord;
  readonly outcome: OutcomeNode;
}

type RoleTable = Readonly<Record<DisputeStatus, Readonly<Partial<Record<LifecycleEventType, readonly Actor[]>>>>>;

/**
 * Who may send which event in which state. The machine's guards and `refusalOf` both read this
 * table, so the rule exists once.
 */
export const ALLOWED: RoleTable = deepFreeze({
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
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * One field of an event or a request that is not acceptable: a stable `code` (`shape` where the
 * field does not match its schema, else the rule's own code), the JSON path and a message.
 */
export interface FieldFault {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** Schema faults as field faults. */
export function shapeFaults(faults: readonly { readonly path: string; readonly message: string }[]): FieldFault[] {
  return faults.map(({ path, message }) => ({ code: 'shape', path, message }));
}

/** Why the lifecycle refused an event; the backend maps each code to a problem type. */
export type Refusal =
  | { readonly code: 'invalid_event'; readonly faults: readonly FieldFault[] }
  | { readonly code: 'invalid_time'; readonly at: string; readonly notBefore: string }
  | { readonly code: 'invalid_state'; readonly status: DisputeStatus; readonly event: string }
  | { readonly code: 'forbidden_role'; readonly role: Actor; readonly allowed: readonly Actor[] }
  | { readonly code: 'deadline_passed'; readonly deadline: string }
  | { readonly code: 'deadline_not_reached'; readonly deadline: string | null }
  | { readonly code: 'unknown_proposal'; readonly proposalId: string | undefined }
  | { readonly code: 'counter_not_allowed' }
  | { readonly code: 'counter_same_as_proposal'; readonly proposalId: string }
  | { readonly code: 'resolution'; readonly fault: ResolutionFault }
  | { readonly code: 'already_rated' };

/** The deadline of the party whose turn it is, or `null` where nobody is on a clock. */
export function currentDeadline(status: DisputeStatus, record: DisputeRecord): string | null {
  if (status === 'awaiting_seller') return record.deadlines.seller;
  if (status === 'awaiting_buyer') return record.deadlines.buyer;
  return null;
}

/**
 * What the seller's silence leads to: the outcome's default, except that there is no first
 * proposal to accept when the buyer proposed nothing.
 */
export function sellerLapse({ outcome, record }: LifecycleContext): LapseAction {
  return outcome.deadline.onLapse === 'accept_first_proposal' && record.proposals.length > 0
    ? 'accept_first_proposal'
    : 'escalate';
}

/** The checks of an event's timing and content, once its state and role are known to be right. */
function contentRefusal(status: DisputeStatus, context: LifecycleContext, event: LifecycleEvent): Refusal | null {
  const { record, outcome } = context;
  const at = Date.parse(event.at);
  // Time never runs backwards on a dispute: the timeline stays in order.
  if (at < Date.parse(record.updatedAt)) return { code: 'invalid_time', at: event.at, notBefore: record.updatedAt };
  const deadline = currentDeadline(status, record);
  if (event.type === 'DEADLINE') {
    return deadline !== null && at >= Date.parse(deadline) ? null : { code: 'deadline_not_reached', deadline };
  }
  // Past the deadline the lapse comes first (`lapseIfDue`); acting late would race it.
  if (deadline !== null && at >= Date.parse(deadline)) return { code: 'deadline_passed', deadline };
  switch (event.type) {
    case 'ACCEPT': {
      if (status === 'awaiting_buyer') {
        // The buyer can only take the counter-offer; naming a proposal means the sender is confused.
        if (event.proposalId === undefined) return null;
        const message = 'the buyer accepts the counter-offer; only the seller accepts a proposal by its id';
        return { code: 'invalid_event', faults: [{ code: 'unexpected', path: '$.proposalId', message }] };
      }
      const found = record.proposals.some((p) => p.id === event.proposalId);
      return found ? null : { code: 'unknown_proposal', proposalId: event.proposalId };
    }
    case 'COUNTER': {
      const fault = counterFault(outcome, record, event.resolution);
      if (fault === null) return null;
      if (fault.code === 'counter_not_allowed') return { code: 'counter_not_allowed' };
      if (fault.code === 'same_as_proposal') return { code: 'counter_same_as_proposal', proposalId: fault.proposalId };
      return { code: 'resolution', fault };
    }
    case 'DECIDE': {
      const fault = checkDecision(record.price, event.resolution);
      return fault === null ? null : { code: 'resolution', fault };
    }
    case 'RATE':
      return record.ratings.some((r) => r.role === event.role) ? { code: 'already_rated' } : null;
    default:
      return null;
  }
}

/**
 * Why `event` may not happen in `status`, or `null` when it may: the event must be well formed,
 * the state must accept it, the sender must have a role allowed to send it there, and its timing
 * and content must pass.
 */
export function refusalFor(status: DisputeStatus, context: LifecycleContext, event: LifecycleEvent): Refusal | null {
  const parsed = parseWithFaults(DisputeAction, event);
  if (!parsed.ok) return { code: 'invalid_event', faults: shapeFaults(parsed.faults) };
  const roles = ALLOWED[status][event.type];
  if (roles === undefined) return { code: 'invalid_state', status, event: event.type };
  if (!roles.includes(event.role)) return { code: 'forbidden_role', role: event.role, allowed: roles };
  return contentRefusal(status, context, event);
}
