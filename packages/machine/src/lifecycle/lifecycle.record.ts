import {
  Id,
  Money,
  OpenDisputeRequest,
  Photo,
  Timestamp,
  checkOpening,
  outcomeOf,
  parseWithFaults,
  validateTree,
  type DecisionTree,
  type Dispute,
  type DisputeAction,
  type DisputeStatus,
  type IdleOutcome,
  type SellerResponse,
} from '@amicable/protocol';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { lifecycleMachine } from './lifecycle.machine.js';
import {
  currentDeadline,
  refusalFor,
  sellerLapse,
  shapeFaults,
  type DisputeRecord,
  type FieldFault,
  type LifecycleContext,
  type LifecycleEvent,
  type Refusal,
} from './lifecycle.rules.js';

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;

/** The status a snapshot stands in (the transient opening state never survives a transition). */
export function statusOf(snapshot: LifecycleSnapshot): DisputeStatus {
  return snapshot.value as DisputeStatus;
}

/** What happens if nobody acts, and when: derived from the state, never stored separately. */
export function idleOf(status: DisputeStatus, context: LifecycleContext): IdleOutcome {
  const at = currentDeadline(status, context.record);
  switch (status) {
    case 'awaiting_seller':
      return { waitingFor: 'seller', at, then: sellerLapse(context) };
    case 'awaiting_buyer':
      return { waitingFor: 'buyer', at, then: 'escalate' };
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

/** Why a dispute could not be opened or restored, beyond the refusals of its events. */
export type OpeningRefusal =
  /** The buyer's request breaks a rule of the tree, or does not match its schema. */
  | { readonly code: 'invalid_request'; readonly faults: readonly FieldFault[] }
  /** What the backend itself passed in is wrong (a price, a tree, a time): the backend's fault, not the caller's. */
  | { readonly code: 'invalid_input'; readonly faults: readonly FieldFault[] }
  | { readonly code: 'tree_mismatch'; readonly treeId: string; readonly treeVersion: number }
  | { readonly code: 'inconsistent_record'; readonly detail: string };

export type LifecycleResult =
  | { readonly ok: true; readonly snapshot: LifecycleSnapshot; readonly dispute: Dispute }
  | { readonly ok: false; readonly refusal: Refusal | OpeningRefusal };

/** What a backend knows when a buyer opens a dispute. */
export interface OpenDisputeInput {
  /** The new dispute's id, chosen by the backend. */
  readonly id: string;
  /** The buyer's request, as received. */
  readonly request: OpenDisputeRequest;
  /** The tree the order is mediated with (its id and version must match the request's). */
  readonly tree: DecisionTree;
  /** What the buyer paid: the amount every split divides. */
  readonly price: Money;
  /** The photos `request.photoIds` names, as the backend stored them, in the same order. */
  readonly photos: readonly Photo[];
  /** The backend's clock. */
  readonly at: string;
}

/**
 * Opens a dispute: checks the buyer's request against the tree's rules (the path, the description,
 * the photos, every proposal and its bounds), then starts the lifecycle: awaiting the seller, or
 * escalated for a straight-to-support outcome. Pure; nothing is stored.
 */
export function openDispute(input: OpenDisputeInput): LifecycleResult {
  const given = inputFaults(input);
  if (given.length > 0) return { ok: false, refusal: { code: 'invalid_input', faults: given } };
  const parsed = parseWithFaults(OpenDisputeRequest, input.request);
  if (!parsed.ok) return { ok: false, refusal: { code: 'invalid_request', faults: shapeFaults(parsed.faults) } };
  const request = parsed.value;
  const { tree } = input;
  const faults: FieldFault[] = [...checkOpening(tree, input.price, request)];
  // Against another tree the other faults mean nothing: the caller must reload the tree, not fix a field.
  if (faults.some((f) => f.code === 'tree_mismatch')) {
    return { ok: false, refusal: { code: 'tree_mismatch', treeId: request.treeId, treeVersion: request.treeVersion } };
  }
  if (input.photos.map((p) => p.id).join('\n') !== request.photoIds.join('\n')) {
    faults.push({ code: 'unknown_photo', path: '$.photoIds', message: 'the photos given do not match the photo ids of the request' });
  }
  const outcome = outcomeOf(tree, request.outcomeId);
  if (faults.length > 0 || outcome === undefined) return { ok: false, refusal: { code: 'invalid_request', faults } };
  const record: DisputeRecord = {
    id: input.id,
    orderId: request.orderId,
    treeId: input.tree.id,
    treeVersion: input.tree.version,
    price: input.price,
    path: request.path,
    outcomeId: request.outcomeId,
    description: request.description.trim(),
    photos: [...input.photos],
    proposals: request.proposals.map((resolution, index) => ({ id: `p${index + 1}`, resolution })),
    sellerResponse: null,
    counterOffer: null,
    escalation: null,
    settlement: null,
    deadlines: { seller: null, buyer: null },
    timeline: [],
    ratings: [],
    createdAt: input.at,
    updatedAt: input.at,
  };
  const [snapshot] = initialTransition(lifecycleMachine, { record, outcome });
  return { ok: true, snapshot, dispute: disputeOf(snapshot) };
}

/** What the backend passes besides the request, checked so that its mistakes are not blamed on the buyer. */
function inputFaults(input: OpenDisputeInput): FieldFault[] {
  const faults: FieldFault[] = [];
  const under = (name: string, result: ReturnType<typeof parseWithFaults>) => {
    if (!result.ok) faults.push(...shapeFaults(result.faults.map((f) => ({ ...f, path: f.path.replace('$', `$.${name}`) }))));
  };
  under('id', parseWithFaults(Id, input.id));
  under('price', parseWithFaults(Money, input.price));
  under('at', parseWithFaults(Timestamp, input.at));
  if (!Array.isArray(input.photos)) faults.push({ code: 'shape', path: '$.photos', message: 'expected a list' });
  else input.photos.forEach((photo, index) => under(`photos[${index}]`, parseWithFaults(Photo, photo)));
  const tree = validateTree(input.tree);
  if (!tree.ok) faults.push(...tree.faults.map((f) => ({ ...f, path: f.path.replace('$', '$.tree') })));
  return faults;
}

/** What must be true of a stored record in each status, or the machine would act on missing data. */
function inconsistency(dispute: Dispute): string | null {
  const needsSettlement: DisputeStatus[] = ['settling', 'settlement_failed', 'resolved'];
  if (needsSettlement.includes(dispute.status) && dispute.settlement === null) return `${dispute.status} without a settlement`;
  if (dispute.status === 'awaiting_buyer' && dispute.counterOffer === null) return 'awaiting_buyer without a counter-offer';
  if (dispute.status === 'awaiting_seller' && dispute.deadlines.seller === null) return 'awaiting_seller without a deadline';
  if (dispute.status === 'awaiting_buyer' && dispute.deadlines.buyer === null) return 'awaiting_buyer without a deadline';
  return null;
}

/**
 * Rebuilds the machine's snapshot from a stored dispute and the tree it was opened under (found by
 * the dispute's `treeId` and `treeVersion`; the backend keeps every version it has used).
 */
export function restoreLifecycle(
  dispute: Dispute,
  tree: DecisionTree,
): { readonly ok: true; readonly snapshot: LifecycleSnapshot } | { readonly ok: false; readonly refusal: OpeningRefusal } {
  const outcome = outcomeOf(tree, dispute.outcomeId);
  if (tree.id !== dispute.treeId || tree.version !== dispute.treeVersion || outcome === undefined) {
    return { ok: false, refusal: { code: 'tree_mismatch', treeId: dispute.treeId, treeVersion: dispute.treeVersion } };
  }
  const detail = inconsistency(dispute);
  if (detail !== null) return { ok: false, refusal: { code: 'inconsistent_record', detail } };
  const { status, idle: _derived, ...record } = dispute;
  return { ok: true, snapshot: lifecycleMachine.resolveState({ value: status, context: { record, outcome } }) };
}

/** Why the lifecycle would refuse `event` now, or `null` when it would take it. */
export function refusalOf(snapshot: LifecycleSnapshot, event: LifecycleEvent): Refusal | null {
  return refusalFor(statusOf(snapshot), snapshot.context, event);
}

/**
 * Applies one event to a stored dispute: the whole of the backend's rule-keeping. Pure: the
 * result is the next dispute, or the refusal and nothing changed.
 */
export function applyLifecycleEvent(dispute: Dispute, tree: DecisionTree, event: LifecycleEvent): LifecycleResult {
  const restored = restoreLifecycle(dispute, tree);
  if (!restored.ok) return restored;
  const refusal = refusalOf(restored.snapshot, event);
  if (refusal !== null) return { ok: false, refusal };
  const [next] = transition(lifecycleMachine, restored.snapshot, event);
  return { ok: true, snapshot: next, dispute: disputeOf(next) };
}

/**
 * The dispute after its deadline, if that has passed by `now`: the lapse is applied as of the
 * deadline itself, so the timeline says when time ran out, not when somebody noticed. Backends
 * call it before every read and write (and from a scheduled job); when nothing is due the result
 * holds the same dispute.
 */
export function lapseIfDue(dispute: Dispute, tree: DecisionTree, now: string): LifecycleResult {
  if (!Timestamp.safeParse(now).success) {
    return { ok: false, refusal: { code: 'invalid_input', faults: [{ code: 'shape', path: '$.now', message: `not an ISO 8601 time: ${JSON.stringify(now)}` }] } };
  }
  const restored = restoreLifecycle(dispute, tree);
  if (!restored.ok) return restored;
  const { snapshot } = restored;
  const deadline = currentDeadline(statusOf(snapshot), snapshot.context.record);
  if (deadline === null || Date.parse(now) < Date.parse(deadline)) return { ok: true, snapshot, dispute: disputeOf(snapshot) };
  return applyLifecycleEvent(dispute, tree, { type: 'DEADLINE', role: 'system', at: deadline });
}

/** The lifecycle event for the seller's answer as the seller's flow sends it (a `SellerResponse`). */
export function sellerResponseAction(response: SellerResponse, at: string): DisputeAction {
  switch (response.kind) {
    case 'accept':
      return { type: 'ACCEPT', role: 'seller', at, proposalId: response.proposalId };
    case 'counter':
      return { type: 'COUNTER', role: 'seller', at, resolution: response.resolution, ...(response.message === undefined ? {} : { message: response.message }) };
    case 'reject':
      return { type: 'REJECT', role: 'seller', at, reason: response.reason };
  }
}
