import type { Dispute, DisputeStatus, IdleOutcome, OutcomeNode } from '@amicable/protocol';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { LifecycleEvent } from './lifecycle.events.js';
import { lifecycleMachine, type LifecycleInput } from './lifecycle.machine.js';
import { refusalFor, type LifecycleContext, type Refusal } from './lifecycle.rules.js';

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;

/** The status a snapshot stands in (the transient opening state never survives a transition). */
export function statusOf(snapshot: LifecycleSnapshot): DisputeStatus {
  return snapshot.value as DisputeStatus;
}

/** What happens if nobody acts, and when: derived from the state, never stored separately. */
export function idleOf(status: DisputeStatus, context: LifecycleContext): IdleOutcome {
  switch (status) {
    case 'awaiting_seller':
      return { waitingFor: 'seller', at: context.deadline, then: context.outcome.deadline.onLapse };
    case 'awaiting_buyer':
      return { waitingFor: 'buyer', at: context.deadline, then: 'escalate' };
    case 'escalated':
    case 'settlement_failed':
      return { waitingFor: 'support', at: null, then: 'none' };
    case 'settling':
      return { waitingFor: 'system', at: null, then: 'none' };
    case 'resolved':
    case 'withdrawn':
      return { waitingFor: null, at: null, then: 'none' };
  }
}

/** The dispute as the backend stores and returns it. */
export function disputeOf(snapshot: LifecycleSnapshot): Dispute {
  const status = statusOf(snapshot);
  return { ...snapshot.context.record, status, idle: idleOf(status, snapshot.context) };
}

/** Opens a dispute: the first state is `awaiting_seller`, or `escalated` for a straight-to-support outcome. */
export function openLifecycle(input: LifecycleInput): LifecycleSnapshot {
  const [snapshot] = initialTransition(lifecycleMachine, input);
  return snapshot;
}

/** Rebuilds the machine's snapshot from a stored dispute and the outcome it was opened at. */
export function lifecycleSnapshotOf(dispute: Dispute, outcome: OutcomeNode): LifecycleSnapshot {
  const { status, idle, ...record } = dispute;
  return lifecycleMachine.resolveState({ value: status, context: { record, outcome, deadline: idle.at } });
}

/** Why the lifecycle would refuse `event` now, or `null` when it would take it. */
export function refusalOf(snapshot: LifecycleSnapshot, event: LifecycleEvent): Refusal | null {
  return refusalFor(statusOf(snapshot), snapshot.context, event);
}

export type LifecycleResult =
  | { readonly ok: true; readonly snapshot: LifecycleSnapshot; readonly dispute: Dispute }
  | { readonly ok: false; readonly refusal: Refusal };

/**
 * Applies one event to a stored dispute: the whole of the backend's rule-keeping. Pure: the
 * result is the next dispute, or the refusal and nothing changed.
 */
export function applyLifecycleEvent(dispute: Dispute, outcome: OutcomeNode, event: LifecycleEvent): LifecycleResult {
  const snapshot = lifecycleSnapshotOf(dispute, outcome);
  const refusal = refusalOf(snapshot, event);
  if (refusal !== null) return { ok: false, refusal };
  const [next] = transition(lifecycleMachine, snapshot, event);
  return { ok: true, snapshot: next, dispute: disputeOf(next) };
}
