import { applyLifecycleEvent, lapseIfDue, type LifecycleEvent } from '@amicable/machine';
import { Reason, type DecisionTree, type Dispute } from '@amicable/protocol';
import { nowIso, type BackendContext, type PayoutResult } from './backend-context.js';
import { etagOf } from './etag.js';
import type { DisputeChange } from './event-hub.js';
import { problem, ProblemError } from './problems.js';
import { lifecycleProblem } from './refusal-problems.js';

/** A stored dispute, the version its next update names, and the tree version it was opened under. */
export interface LoadedDispute {
  readonly dispute: Dispute;
  readonly version: number;
  readonly tree: DecisionTree;
}

/** Another writer changed the dispute since it was read; the command is run again on a fresh read. */
export class VersionConflict extends Error {
  constructor() {
    super('the dispute changed since it was read');
    this.name = 'VersionConflict';
  }
}

/** How often a command is run again after a version conflict before the backend gives up with a 503. */
export const CONFLICT_RETRIES = 3;

/**
 * Runs `task`, and again on a fresh read after a version conflict (up to `CONFLICT_RETRIES` more
 * times); then answers 503 with `Retry-After: 1`.
 */
export async function withConflictRetries<T>(task: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt <= CONFLICT_RETRIES; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
  throw new ProblemError(problem('unavailable', { detail: 'the dispute kept changing while this request was handled', headers: { 'Retry-After': '1' } }));
}

/** The change as subscribers and readers see it: the body a read answers with, and its ETag. */
export async function changeOf(dispute: Dispute): Promise<DisputeChange> {
  const body = JSON.stringify(dispute);
  return { orderId: dispute.orderId, dispute, body, etag: await etagOf(body) };
}

/** The stored dispute of `orderId` and its tree, as stored: no lapse applied. */
export async function readDispute(context: BackendContext, orderId: string): Promise<LoadedDispute | null> {
  const stored = await context.store.getDispute(orderId);
  if (stored === null) return null;
  const tree = await context.store.getTree(stored.dispute.treeId, stored.dispute.treeVersion);
  if (tree === null) {
    const detail = `version ${stored.dispute.treeVersion} of tree ${JSON.stringify(stored.dispute.treeId)} is missing from the store`;
    throw new ProblemError(problem('internal', { detail }));
  }
  return { dispute: stored.dispute, version: stored.version, tree };
}

/** Stores `next` over `loaded` if nobody changed it meanwhile (else `VersionConflict`), and tells subscribers. */
export async function saveDispute(context: BackendContext, loaded: LoadedDispute, next: Dispute): Promise<LoadedDispute> {
  if (!(await context.store.updateDispute(next, loaded.version))) throw new VersionConflict();
  context.hub.publish(await changeOf(next));
  return { dispute: next, version: loaded.version + 1, tree: loaded.tree };
}

/** Applies a lifecycle event and stores the result; a refusal becomes its problem. */
export async function applyAndSave(context: BackendContext, loaded: LoadedDispute, event: LifecycleEvent): Promise<LoadedDispute> {
  const result = applyLifecycleEvent(loaded.dispute, loaded.tree, event);
  if (!result.ok) throw new ProblemError(lifecycleProblem(result.refusal, loaded.dispute));
  return saveDispute(context, loaded, result.dispute);
}

/**
 * The dispute of `orderId` as it stands now: a deadline that has passed is applied first, as of
 * the deadline, stored, and settled if it leads to a settlement. `lapsed` says whether it did.
 */
export async function loadDispute(
  context: BackendContext,
  orderId: string,
): Promise<{ readonly loaded: LoadedDispute | null; readonly lapsed: boolean }> {
  const loaded = await readDispute(context, orderId);
  if (loaded === null) return { loaded, lapsed: false };
  const result = lapseIfDue(loaded.dispute, loaded.tree, nowIso(context));
  if (!result.ok) throw new ProblemError(lifecycleProblem(result.refusal, loaded.dispute));
  // A lapse always moves the dispute on; otherwise the stored dispute is served as it is.
  if (result.dispute.status === loaded.dispute.status) return { loaded, lapsed: false };
  const saved = await saveDispute(context, loaded, result.dispute);
  return { loaded: await settleIfDue(context, saved), lapsed: true };
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** A failure reason the lifecycle accepts: trimmed, 1 to 2000 characters. */
function reasonOf(text: string): string {
  const parsed = Reason.safeParse(text.trim().slice(0, 2000));
  return parsed.success ? parsed.data : 'the payment system gave no reason';
}

async function payOut(context: BackendContext, dispute: Dispute): Promise<PayoutResult> {
  const settlement = dispute.settlement;
  if (settlement === null) return { ok: false, reason: 'nothing to pay out' };
  try {
    return await context.payments.payOut({ orderId: dispute.orderId, refund: settlement.refund, payout: settlement.payout });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * When `loaded` is settling, asks the payments port to pay out the split the lifecycle computed,
 * then records `SETTLED` or `SETTLEMENT_FAILED` as the system. A version conflict after the payout
 * records the outcome on a fresh read (still settling) rather than paying out again.
 */
export async function settleIfDue(context: BackendContext, loaded: LoadedDispute): Promise<LoadedDispute> {
  if (loaded.dispute.status !== 'settling') return loaded;
  const outcome = await payOut(context, loaded.dispute);
  let current = loaded;
  for (let attempt = 0; attempt <= CONFLICT_RETRIES; attempt += 1) {
    // The payout happens after the change that asked for it, so its time is never earlier.
    const at = laterOf(nowIso(context), current.dispute.updatedAt);
    const event: LifecycleEvent = outcome.ok
      ? { type: 'SETTLED', role: 'system', at }
      : { type: 'SETTLEMENT_FAILED', role: 'system', at, reason: reasonOf(outcome.reason) };
    try {
      return await applyAndSave(context, current, event);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
    const fresh = await readDispute(context, loaded.dispute.orderId);
    if (fresh === null || fresh.dispute.status !== 'settling') return fresh ?? current;
    current = fresh;
  }
  throw new ProblemError(problem('unavailable', { detail: 'the payout went through but could not be recorded yet', headers: { 'Retry-After': '1' } }));
}

/**
 * Pays out a dispute that has been `settling` since `updatedBefore` or earlier: its process died
 * between storing the change and recording the payout's result. Asks the payments port again (a
 * payout must be idempotent per dispute on the host's side, since the first may have gone through)
 * and records the outcome. `true` when it did; `false` when the dispute moved on meanwhile.
 */
export async function resumeSettlement(context: BackendContext, orderId: string, updatedBefore: string): Promise<boolean> {
  const loaded = await readDispute(context, orderId);
  if (loaded === null || loaded.dispute.status !== 'settling' || Date.parse(loaded.dispute.updatedAt) > Date.parse(updatedBefore)) return false;
  await settleIfDue(context, loaded);
  return true;
}
