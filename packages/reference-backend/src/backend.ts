import { sellerResponseAction } from '@amicable/machine';
import {
  DEFAULT_UPLOAD_POLICY,
  ENDPOINTS,
  parseWithFaults,
  validateTree,
  type EndpointName,
  type Role,
} from '@amicable/protocol';
import { authorize } from './auth.js';
import { randomBase64Url, sha256Hex } from './base64url.js';
import type { BackendContext, PaymentsPort } from './backend-context.js';
import { corsHeaders, preflightReply } from './cors.js';
import {
  inOrder,
  openEventStream,
  openNewDispute,
  orderOf,
  readContext,
  readDisputeReply,
  runLifecycleCommand,
} from './dispute-commands.js';
import { loadDispute, resumeSettlement } from './dispute-records.js';
import { createEventHub, type DisputeEvents } from './event-hub.js';
import { createIdempotencyGuard, deleteExpiredIdempotencyRecords, IDEMPOTENCY_TAKEOVER_MS, isValidIdempotencyKey } from './idempotency.js';
import { createOrderQueue } from './order-queue.js';
import { deleteExpiredUploads, issueUploadTicket, policyOf, readMultipart, receiveUpload, servePhoto, storeMultipart } from './photos.js';
import { problem, ProblemError } from './problems.js';
import { toResponse, type Reply } from './reply.js';
import { MAX_JSON_BYTES, mediaTypeOf, parseJson, readBody } from './request-body.js';
import { basePathOf, matchRoute, relativePath } from './router.js';
import type { ReferenceSeed } from './seed.js';
import { createSigner } from './signer.js';
import type { Store } from './store.js';
import { mintToken } from './tokens.js';

/** How to build a reference backend. */
export interface ReferenceBackendOptions {
  /** Where disputes, orders, trees, photos and idempotency keys live. */
  readonly store: Store;
  /** The HMAC secret that signs tokens, photo URLs and upload tickets. */
  readonly secret: string;
  /**
   * The absolute base URL the backend is served under, e.g. `http://127.0.0.1:8787/api`. Requests
   * are matched relative to its path; `Location`, `Link`, photo and upload URLs are built from it.
   */
  readonly baseUrl: string;
  /** The backend's clock (deadlines, token expiry); `() => new Date()` by default. */
  readonly clock?: () => Date;
  /** The host's payment system; by default every payout succeeds. */
  readonly payments?: PaymentsPort;
  /** `Access-Control-Allow-Origin`; `*` by default. */
  readonly allowedOrigin?: string;
  /** New ids for disputes and photos; random by default. */
  readonly newId?: (kind: 'dispute' | 'photo') => string;
  /**
   * How long, in milliseconds, a request may hold its Idempotency-Key without an answer before a
   * retry with the same body takes the key over and runs (the first one's process presumed gone);
   * 60 000 by default. A request still running in this process is never taken over.
   */
  readonly idempotencyTakeoverMs?: number;
  /**
   * How long, in milliseconds, a dispute may stay `settling` before `sweep()` pays it out again
   * (the process that should have recorded the payout died); 60 000 by default.
   */
  readonly settlingGraceMs?: number;
  /** Told about unexpected errors (answered with a 500); `console.error` by default. */
  readonly onError?: (error: unknown, request: Request) => void;
}

/** A complete backend of the Amicable contract behind one fetch-style handler. */
export interface ReferenceBackend {
  /** Answers one request; never throws: every failure is an `application/problem+json` response. */
  handle(request: Request): Promise<Response>;
  /** A token for `role` on `orderId`, valid for `ttlSeconds` (an hour by default) by the backend's clock. */
  mintToken(orderId: string, role: Role, ttlSeconds?: number): Promise<string>;
  /**
   * Applies every deadline that has passed by the backend's clock, and pays out every dispute left
   * `settling` for longer than `settlingGraceMs`, and deletes the pending photos of upload URLs
   * that expired unused and the Idempotency-Key records past their 24 h; returns how many disputes it changed. A dispute that fails does not keep
   * the others from being swept; the failures are then thrown together as an `AggregateError`.
   */
  sweep(): Promise<number>;
  /** Stores trees (checked with `validateTree`) and orders. */
  seed(seed: ReferenceSeed): Promise<void>;
  /** Every stored change of a dispute, as the event stream sends it. */
  readonly events: DisputeEvents;
}

/** How long a dispute may stay `settling` before a sweep pays it out again, by default: 60 s. */
export const SETTLING_GRACE_MS = 60_000;

const alwaysPays: PaymentsPort = { payOut: async () => ({ ok: true }) };

function defaultId(kind: 'dispute' | 'photo'): string {
  return `${kind === 'dispute' ? 'dsp' : 'pho'}_${randomBase64Url(12)}`;
}

/** A duration option in milliseconds: `fallback` when omitted, else a finite number of at least 0. */
function durationOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number of milliseconds, 0 or more`);
  return value;
}

type Schema = Parameters<typeof parseWithFaults>[0];
type OutputOf<S> = S extends { readonly _zod: { readonly output: infer O } } ? O : never;

/** The body parsed by its endpoint's schema, or a 422 validation problem naming each field. */
function bodyOf<S extends Schema>(schema: S, json: unknown): OutputOf<S> {
  const parsed = parseWithFaults(schema, json);
  if (parsed.ok) return parsed.value as OutputOf<S>;
  const errors = parsed.faults.map(({ path, message }) => ({ path, message, code: 'shape' }));
  throw new ProblemError(problem('validation', { detail: 'the body does not match its schema', errors }));
}

type JsonCommand = Exclude<EndpointName, 'getContext' | 'getDispute' | 'uploadPhoto'>;

/**
 * Creates the reference backend: one handler for every route of the contract (with the
 * token-free photo and upload routes and the event stream), answering CORS preflights and 404
 * for anything else. Runs in browsers and in Node 20 alike.
 */
export function createReferenceBackend(options: ReferenceBackendOptions): ReferenceBackend {
  const base = new URL(options.baseUrl);
  const basePath = basePathOf(options.baseUrl);
  const context: BackendContext = {
    store: options.store,
    signer: createSigner(options.secret),
    clock: options.clock ?? (() => new Date()),
    payments: options.payments ?? alwaysPays,
    hub: createEventHub(),
    queue: createOrderQueue(),
    baseUrl: `${base.origin}${basePath}`,
    newId: options.newId ?? defaultId,
  };
  const settlingGraceMs = durationOption('settlingGraceMs', options.settlingGraceMs, SETTLING_GRACE_MS);
  const idempotency = createIdempotencyGuard(context.store, durationOption('idempotencyTakeoverMs', options.idempotencyTakeoverMs, IDEMPOTENCY_TAKEOVER_MS));
  const cors = corsHeaders(options.allowedOrigin ?? '*');
  const onError = options.onError ?? ((error: unknown) => console.error('reference backend: unexpected error', error));

  async function command(name: JsonCommand, orderId: string, role: Role, json: unknown): Promise<Reply> {
    switch (name) {
      case 'openDispute':
        return openNewDispute(context, orderId, bodyOf(ENDPOINTS.openDispute.body, json));
      case 'requestPhotoUpload': {
        const body = bodyOf(ENDPOINTS.requestPhotoUpload.body, json);
        return issueUploadTicket(context, await orderOf(context, orderId), body);
      }
      case 'respond': {
        const body = bodyOf(ENDPOINTS.respond.body, json);
        return runLifecycleCommand(context, orderId, (at) => sellerResponseAction(body, at));
      }
      case 'answerCounter': {
        const body = bodyOf(ENDPOINTS.answerCounter.body, json);
        return runLifecycleCommand(context, orderId, (at) =>
          body.answer === 'accept' ? { type: 'ACCEPT', role, at } : { type: 'REJECT', role, at, reason: body.reason },
        );
      }
      case 'withdraw':
        bodyOf(ENDPOINTS.withdraw.body, json);
        return runLifecycleCommand(context, orderId, (at) => ({ type: 'WITHDRAW', role, at }));
      case 'escalate': {
        const body = bodyOf(ENDPOINTS.escalate.body, json);
        return runLifecycleCommand(context, orderId, (at) => ({ type: 'ESCALATE', role, at, reason: body.reason }));
      }
      case 'decide': {
        const body = bodyOf(ENDPOINTS.decide.body, json);
        const note = body.note === undefined ? {} : { note: body.note };
        return runLifecycleCommand(context, orderId, (at) => ({ type: 'DECIDE', role, at, resolution: body.resolution, ...note }));
      }
      case 'retrySettlement':
        bodyOf(ENDPOINTS.retrySettlement.body, json);
        return runLifecycleCommand(context, orderId, (at) => ({ type: 'RETRY_SETTLEMENT', role, at }));
      case 'rate': {
        const body = bodyOf(ENDPOINTS.rate.body, json);
        const comment = body.comment === undefined ? {} : { comment: body.comment };
        return runLifecycleCommand(context, orderId, (at) => ({ type: 'RATE', role, at, score: body.score, ...comment }));
      }
    }
  }

  /** A POST after auth: Idempotency-Key (400), media type (415), JSON (400), idempotency, then the command. */
  async function post(name: Exclude<EndpointName, 'getContext' | 'getDispute'>, orderId: string, role: Role, path: string, request: Request): Promise<Reply> {
    const key = request.headers.get('Idempotency-Key');
    if (!isValidIdempotencyKey(key)) {
      return problem('badRequest', { detail: 'every POST needs an Idempotency-Key of 1 to 255 visible ASCII characters' });
    }
    const scope = { orderId, role, method: 'POST', path, key };
    if (name === 'uploadPhoto') {
      // The body is checked before the order is (as for every POST): an unknown order's limits
      // are the default policy's, and its 404 comes with the domain rules, under the key.
      const known = await context.store.getOrder(orderId);
      const upload = await readMultipart(request, known === null ? DEFAULT_UPLOAD_POLICY : policyOf(known));
      return idempotency.run(scope, upload.fingerprint, context.clock(), async () => storeMultipart(context, await orderOf(context, orderId), upload));
    }
    if (mediaTypeOf(request.headers.get('Content-Type')) !== 'application/json') {
      return problem('unsupportedMediaType', { detail: 'the body must be application/json' });
    }
    const raw = await readBody(request, MAX_JSON_BYTES, `a request body may have at most ${MAX_JSON_BYTES} bytes`);
    const json = parseJson(raw);
    return idempotency.run(scope, await sha256Hex(raw), context.clock(), () => command(name, orderId, role, json));
  }

  async function route(request: Request): Promise<Reply> {
    const url = new URL(request.url);
    const path = relativePath(url, basePath);
    if (path === null) return problem('notFound', { detail: 'no such route' });
    if (request.method === 'OPTIONS') return preflightReply();
    const match = matchRoute(request.method, path);
    if (match === null) return problem('notFound', { detail: `no route for ${request.method} ${path}` });
    switch (match.kind) {
      case 'getPhoto':
        return servePhoto(context, match.photoId, url);
      case 'putUpload':
        return receiveUpload(context, match.photoId, url, request);
      case 'disputeEvents': {
        const claims = await authorize(context.signer, request, match.orderId, ENDPOINTS.getDispute.roles, context.clock());
        return openEventStream(context, match.orderId, request.signal, claims.exp * 1000);
      }
      case 'endpoint': {
        const { name, orderId } = match;
        const claims = await authorize(context.signer, request, orderId, ENDPOINTS[name].roles, context.clock());
        const ifNoneMatch = request.headers.get('If-None-Match');
        if (name === 'getContext') return readContext(context, orderId, claims.role, ifNoneMatch);
        if (name === 'getDispute') return readDisputeReply(context, orderId, ifNoneMatch);
        return post(name, orderId, claims.role, path, request);
      }
    }
  }

  return {
    async handle(request) {
      let reply: Reply;
      try {
        reply = await route(request);
      } catch (error) {
        if (error instanceof ProblemError) {
          reply = error.reply;
        } else {
          onError(error, request);
          reply = problem('internal', { detail: 'the backend failed; the request may be retried with the same Idempotency-Key' });
        }
      }
      try {
        return toResponse(reply, cors);
      } catch (error) {
        // A header the platform refuses must still not turn into a thrown exception.
        onError(error, request);
        return toResponse(problem('internal', { detail: 'the backend built a response it could not send' }), cors);
      }
    },

    mintToken(orderId, role, ttlSeconds = 3600) {
      const exp = Math.floor(context.clock().getTime() / 1000) + ttlSeconds;
      return mintToken(context.signer, { orderId, role, exp });
    },

    async sweep() {
      const now = context.clock();
      let changed = 0;
      const failures: unknown[] = [];
      // One broken dispute must not keep the others from being swept; its error is still raised.
      const each = async (orderIds: readonly string[], task: (orderId: string) => Promise<boolean>) => {
        for (const orderId of orderIds) {
          try {
            if (await inOrder(context, orderId, () => task(orderId))) changed += 1;
          } catch (error) {
            failures.push(error);
          }
        }
      };
      await each(await context.store.ordersWithLapsedDeadlines(now.toISOString()), async (orderId) => (await loadDispute(context, orderId)).lapsed);
      const settledBefore = new Date(now.getTime() - settlingGraceMs).toISOString();
      await each(await context.store.ordersLeftSettling(settledBefore), (orderId) => resumeSettlement(context, orderId, settledBefore));
      for (const purge of [() => deleteExpiredUploads(context), () => deleteExpiredIdempotencyRecords(context.store, now)]) {
        try {
          await purge();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} disputes, uploads or keys could not be swept`);
      return changed;
    },

    async seed(seed) {
      for (const tree of seed.trees) {
        const checked = validateTree(tree);
        if (!checked.ok) {
          throw new TypeError(`tree ${JSON.stringify(tree.id)} is not valid: ${checked.faults.map((f) => `${f.path} ${f.message}`).join('; ')}`);
        }
        await context.store.putTree(tree);
      }
      for (const order of seed.orders) await context.store.putOrder(order);
    },

    events: { subscribe: context.hub.subscribe, subscribeAll: context.hub.subscribeAll },
  };
}
