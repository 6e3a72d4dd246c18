import { openDispute, type LifecycleEvent } from '@amicable/machine';
import {
  DISPUTE_EVENTS_PATH,
  ENDPOINTS,
  endpointPath,
  type FieldError,
  type OpenDisputeRequest,
  type OrderContext,
  type Photo,
  type Role,
} from '@amicable/protocol';
import { nowIso, type BackendContext } from './backend-context.js';
import { applyAndSave, changeOf, loadDispute, settleIfDue, VersionConflict, withConflictRetries } from './dispute-records.js';
import { etagOf, ifNoneMatchMatches } from './etag.js';
import type { DisputeChange } from './event-hub.js';
import { eventStreamReply, KEEP_ALIVE_MS } from './event-stream.js';
import { photoOf, policyOf } from './photos.js';
import { problem, ProblemError } from './problems.js';
import { openingProblem } from './refusal-problems.js';
import type { Reply } from './reply.js';
import type { OrderRecord } from './store.js';

/** Runs `task` alone for its order, and again after a version conflict. */
export function inOrder<T>(context: BackendContext, orderId: string, task: () => Promise<T>): Promise<T> {
  return context.queue.run(orderId, () => withConflictRetries(task));
}

/** The order, or a 404 problem. */
export async function orderOf(context: BackendContext, orderId: string): Promise<OrderRecord> {
  const order = await context.store.getOrder(orderId);
  if (order === null) throw new ProblemError(problem('notFound', { detail: 'no such order' }));
  return order;
}

function noDispute(): Reply {
  return problem('notFound', { detail: 'this order has no dispute' });
}

/** The absolute URL of the order's dispute. */
export function disputeUrl(context: BackendContext, orderId: string): string {
  return `${context.baseUrl}${endpointPath(ENDPOINTS.getDispute.path, orderId)}`;
}

/** A 200 JSON reply with its ETag, or a 304 when `ifNoneMatch` names that ETag. */
async function conditionalJson(value: unknown, ifNoneMatch: string | null, headers: Readonly<Record<string, string>> = {}): Promise<Reply> {
  const body = JSON.stringify(value);
  const etag = await etagOf(body);
  if (ifNoneMatchMatches(ifNoneMatch, etag)) return { status: 304, headers: { ETag: etag, ...headers }, body: null };
  return { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag, ...headers }, body };
}

/** A dispute answered by a write, with its ETag. */
function changeReply(status: 200 | 201, change: DisputeChange, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ETag: change.etag, ...headers }, body: change.body };
}

/**
 * GET context: the order, the caller's role, the dispute (lapses applied) or null, the upload
 * policy, and the tree: the version the dispute was opened under, else the latest, so that both
 * sides read a dispute by the rules it is judged by.
 */
export function readContext(context: BackendContext, orderId: string, role: Role, ifNoneMatch: string | null): Promise<Reply> {
  return inOrder(context, orderId, async () => {
    const order = await orderOf(context, orderId);
    const { loaded } = await loadDispute(context, orderId);
    const tree = loaded === null ? await context.store.getTree(order.treeId) : loaded.tree;
    if (tree === null) return problem('internal', { detail: `tree ${JSON.stringify(order.treeId)} is missing from the store` });
    const value: OrderContext = {
      orderId: order.orderId,
      summary: order.summary,
      price: order.price,
      buyer: order.buyer,
      seller: order.seller,
      role,
      tree,
      dispute: loaded?.dispute ?? null,
      ...(order.locale === undefined ? {} : { locale: order.locale }),
      uploads: policyOf(order),
    };
    return conditionalJson(value, ifNoneMatch);
  });
}

/** GET dispute: the dispute with lapses applied, its ETag, and the link to its event stream. */
export function readDisputeReply(context: BackendContext, orderId: string, ifNoneMatch: string | null): Promise<Reply> {
  return inOrder(context, orderId, async () => {
    const { loaded } = await loadDispute(context, orderId);
    if (loaded === null) return noDispute();
    const link = `<${context.baseUrl}${endpointPath(DISPUTE_EVENTS_PATH, orderId)}>; rel="events"`;
    return conditionalJson(loaded.dispute, ifNoneMatch, { Link: link });
  });
}

/**
 * GET events: the dispute now, then each change, until `signal` aborts or the caller's token
 * expires (`tokenExpiresAt`, by the backend's clock). Subscribed in the order's turn, so no change
 * is missed.
 */
export function openEventStream(context: BackendContext, orderId: string, signal: AbortSignal, tokenExpiresAt: number): Promise<Reply> {
  return inOrder(context, orderId, async () => {
    const { loaded } = await loadDispute(context, orderId);
    if (loaded === null) return noDispute();
    const lifetime = tokenExpiresAt - context.clock().getTime();
    return eventStreamReply(await changeOf(loaded.dispute), context.hub, signal, KEEP_ALIVE_MS, lifetime);
  });
}

/** A placeholder for a photo id that is not a stored photo of the order, so the lifecycle checks the rest. */
const missingPhoto = (id: string): Photo => ({ id, url: 'about:blank', contentType: 'image/jpeg', width: 1, height: 1, bytes: 1 });

/**
 * POST dispute: one per order (409 with the existing one), for this order, on the tree's latest
 * version (409 tree-changed), with photos of this order, opened by the lifecycle's `openDispute`.
 */
export function openNewDispute(context: BackendContext, orderId: string, request: OpenDisputeRequest): Promise<Reply> {
  return inOrder(context, orderId, async () => {
    const order = await orderOf(context, orderId);
    const { loaded } = await loadDispute(context, orderId);
    if (loaded !== null) return problem('disputeExists', { detail: 'this order already has a dispute', dispute: loaded.dispute });
    if (request.orderId !== orderId) {
      const errors = [{ path: '$.orderId', code: 'order_mismatch', message: `the request is for order ${JSON.stringify(request.orderId)}, the URL for ${JSON.stringify(orderId)}` }];
      return problem('validation', { detail: 'the body names another order than the URL', errors });
    }
    const tree = await context.store.getTree(order.treeId);
    if (tree === null) return problem('internal', { detail: `tree ${JSON.stringify(order.treeId)} is missing from the store` });
    const photos: Photo[] = [];
    const photoErrors: FieldError[] = [];
    for (const [index, id] of request.photoIds.entries()) {
      const record = await context.store.getPhoto(id);
      if (record !== null && record.orderId === orderId && record.status === 'stored') {
        photos.push(await photoOf(context, record));
      } else {
        photos.push(missingPhoto(id));
        photoErrors.push({ path: `$.photoIds[${index}]`, code: 'unknown_photo', message: `${JSON.stringify(id)} is not a photo uploaded for this order` });
      }
    }
    const result = openDispute({ id: context.newId('dispute'), request, tree, price: order.price, photos, at: nowIso(context) });
    if (!result.ok && result.refusal.code === 'invalid_request' && photoErrors.length > 0) {
      const errors = [...photoErrors, ...result.refusal.faults.map(({ path, message, code }) => ({ path, message, code }))];
      return problem('validation', { detail: 'the request does not meet the rules of its outcome', errors });
    }
    if (!result.ok) return openingProblem(result.refusal);
    if (photoErrors.length > 0) return problem('validation', { detail: 'unknown photos', errors: photoErrors });
    // Another writer opened one since the read: the next round answers 409 with it.
    if (!(await context.store.insertDispute(result.dispute))) throw new VersionConflict();
    const change = await changeOf(result.dispute);
    context.hub.publish(change);
    return changeReply(201, change, { Location: disputeUrl(context, orderId) });
  });
}

/**
 * Any other write: builds the lifecycle event from the request at the backend's time, applies it
 * to the dispute (lapses first), stores it, settles when it leads to a settlement, and answers with the dispute.
 */
export function runLifecycleCommand(context: BackendContext, orderId: string, eventAt: (at: string) => LifecycleEvent): Promise<Reply> {
  return inOrder(context, orderId, async () => {
    const { loaded } = await loadDispute(context, orderId);
    if (loaded === null) return noDispute();
    const saved = await applyAndSave(context, loaded, eventAt(nowIso(context)));
    const settled = await settleIfDue(context, saved);
    return changeReply(200, await changeOf(settled.dispute));
  });
}
