/**
 * A mock of the backend contract for the client's tests: valid samples built from the default
 * tree, happy-path msw handlers derived from the contract's endpoint table that check every
 * request as a backend would (token, Idempotency-Key, content type, body schema), and a client
 * whose waits and jitter are recorded instead of taken.
 */
import {
  ContractHeader,
  DecisionTree,
  DISPUTE_EVENTS_PATH,
  Dispute,
  ENDPOINTS,
  endpointPath,
  OrderContext,
  parseWithFaults,
  Photo,
  PhotoUploadTicket,
  physicalGoodsTree,
  ProblemType,
  type EndpointName,
  type FieldError,
} from '@amicable/protocol';
import { http, HttpResponse, type HttpResponseResolver, type JsonBodyType } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type ClientOptions, type MediationClient, type TokenRequest } from './index.js';

export const BASE = 'https://backend.test/api';
export const UPLOAD_ORIGIN = 'https://uploads.test';
export const ORDER_ID = 'order-1001';
export const ETAG = '"etag-1"';
/** The ETag of the dispute once it changed. */
export const ETAG_2 = '"etag-2"';
/** Where the mock's dispute links its event stream. */
export function eventsUrlFor(orderId: string): string {
  return `${BASE}${endpointPath(DISPUTE_EVENTS_PATH, orderId)}`;
}
export const EVENTS_URL = eventsUrlFor(ORDER_ID);
export const OPENED_AT = '2026-11-26T09:00:00Z';

function valid<T>(schema: Parameters<typeof parseWithFaults>[0], value: T): T {
  const parsed = parseWithFaults(schema, value);
  if (!parsed.ok) throw new Error(`invalid test sample: ${parsed.faults.map((f) => `${f.path} ${f.message}`).join('; ')}`);
  return value;
}

/** The path through `tree` chosen by `optionIds`, and the outcome it ends at; throws for a path the tree lacks. */
export function walk(tree: DecisionTree, optionIds: readonly string[]): { path: { nodeId: string; optionId: string }[]; outcomeId: string } {
  let nodeId = tree.root;
  const path: { nodeId: string; optionId: string }[] = [];
  for (const optionId of optionIds) {
    const node = tree.nodes[nodeId];
    if (node?.kind !== 'question') throw new Error(`${nodeId} is not a question`);
    const option = node.options.find((o) => o.id === optionId);
    if (option === undefined) throw new Error(`${nodeId} has no option ${optionId}`);
    path.push({ nodeId, optionId });
    nodeId = option.next;
  }
  if (tree.nodes[nodeId]?.kind !== 'outcome') throw new Error(`${nodeId} is not an outcome`);
  return { path, outcomeId: nodeId };
}

const price = { amount: 4999, currency: 'EUR' };
const parcelNotDelivered = walk(physicalGoodsTree, ['not-received', 'tracking-not-delivered']);

export const samplePhoto: Photo = valid(Photo, {
  id: 'photo-1',
  url: `${BASE}/photos/photo-1?sig=c2lnbmF0dXJl`,
  contentType: 'image/png',
  width: 2,
  height: 2,
  bytes: 24,
});

/** The buyer's dispute, awaiting the seller: a parcel that never arrived, full refund or replacement proposed. */
export const sampleDispute: Dispute = valid(Dispute, {
  id: 'dispute-1',
  orderId: ORDER_ID,
  treeId: physicalGoodsTree.id,
  treeVersion: physicalGoodsTree.version,
  status: 'awaiting_seller',
  price,
  path: parcelNotDelivered.path,
  outcomeId: parcelNotDelivered.outcomeId,
  description: 'The parcel never arrived; the tracking has not moved for a week.',
  photos: [],
  proposals: [
    { id: 'proposal-1', resolution: { type: 'full_refund' } },
    { id: 'proposal-2', resolution: { type: 'replacement' } },
  ],
  sellerResponse: null,
  counterOffer: null,
  escalation: null,
  settlement: null,
  deadlines: { seller: '2026-11-29T09:00:00Z', buyer: null },
  idle: { waitingFor: 'seller', at: '2026-11-29T09:00:00Z', then: 'accept_first_proposal' },
  timeline: [{ at: OPENED_AT, actor: 'buyer', type: 'opened' }],
  ratings: [],
  createdAt: OPENED_AT,
  updatedAt: OPENED_AT,
});

/** The same dispute once the seller accepted the full refund and it was paid out. */
export const resolvedDispute: Dispute = valid(Dispute, {
  ...sampleDispute,
  status: 'resolved',
  sellerResponse: { kind: 'accept', proposalId: 'proposal-1' },
  settlement: { resolution: { type: 'full_refund' }, refund: price, payout: { amount: 0, currency: 'EUR' }, decidedBy: 'seller', status: 'paid' },
  idle: { waitingFor: null, at: null, then: 'none' },
  timeline: [
    ...sampleDispute.timeline,
    { at: '2026-11-27T10:00:00Z', actor: 'seller', type: 'accepted' },
    { at: '2026-11-27T10:00:01Z', actor: 'system', type: 'settled' },
  ],
  updatedAt: '2026-11-27T10:00:01Z',
});

/** The same dispute after the seller rejected it: with support. */
export const escalatedDispute: Dispute = valid(Dispute, {
  ...sampleDispute,
  status: 'escalated',
  sellerResponse: { kind: 'reject', reason: 'The parcel was delivered to the neighbour.' },
  escalation: { by: 'seller', cause: 'seller_rejected', reason: 'The parcel was delivered to the neighbour.', at: '2026-11-27T10:00:00Z' },
  idle: { waitingFor: 'support', at: null, then: 'none' },
  timeline: [...sampleDispute.timeline, { at: '2026-11-27T10:00:00Z', actor: 'seller', type: 'rejected' }],
  updatedAt: '2026-11-27T10:00:00Z',
});

export const sampleContext: OrderContext = valid(OrderContext, {
  orderId: ORDER_ID,
  summary: {
    title: 'Stoneware teapot, 1.2 l',
    lines: [{ title: 'Stoneware teapot, 1.2 l', quantity: 1, unitPrice: price }],
    placedAt: '2026-11-10T15:30:00Z',
  },
  price,
  buyer: { id: 'buyer-7', displayName: 'Ada' },
  seller: { id: 'seller-3', displayName: 'Potter & Co' },
  role: 'buyer',
  tree: physicalGoodsTree,
  dispute: null,
  uploads: { via: 'multipart', maxBytes: 10 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png', 'image/webp'] },
});

/** The pre-signed upload the mock hands out for `orderId`. */
export function ticketFor(orderId: string): PhotoUploadTicket {
  return valid(PhotoUploadTicket, {
    photoId: 'photo-1',
    method: 'PUT',
    url: `${UPLOAD_ORIGIN}/bucket/${encodeURIComponent(orderId)}/photo-1?exp=1795000000&sig=dXBsb2Fk`,
    headers: { 'Content-Type': 'image/png' },
    expiresAt: '2026-11-26T09:15:00Z',
  });
}

export const sampleTicket: PhotoUploadTicket = ticketFor(ORDER_ID);

let orders = 0;
/** An order id no earlier test used, so that a request still on its way from one test never meets the next test's script. */
export function freshOrderId(): string {
  orders += 1;
  return `order-${2000 + orders}`;
}

/** A 2x2 PNG's bytes (its header is what a backend sniffs); `size` pads it for progress tests. */
export function pngFile(size = 24, name = 'parcel.png'): File {
  const bytes = new Uint8Array(Math.max(size, 24));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 2]);
  return new File([bytes], name, { type: 'image/png' });
}

/** An `application/problem+json` answer. */
export function problem(status: number, type: string, title: string, extra: Record<string, JsonBodyType> = {}, headers: HeadersInit = {}): Response {
  return HttpResponse.json({ type, title, status, ...extra }, { status, headers: { 'Content-Type': 'application/problem+json', ...Object.fromEntries(new Headers(headers)) } });
}

/** The msw path pattern of an endpoint: the contract's path under `BASE`, `{orderId}` as a parameter. */
export function pattern(name: EndpointName): string {
  return `${BASE}${ENDPOINTS[name].path.replace('{orderId}', ':orderId')}`;
}

/** The URL pattern the pre-signed PUT goes to. */
export const UPLOAD_PATTERN = `${UPLOAD_ORIGIN}/bucket/:orderId/:photoId`;

/** The msw path pattern of the dispute's event stream. */
export const EVENTS_PATTERN = `${BASE}${DISPUTE_EVENTS_PATH.replace('{orderId}', ':orderId')}`;

/** A `text/event-stream` answer with these events (each an `event: dispute` unless it says); it stays open unless `close`. */
export function eventStream(events: readonly { readonly id?: string; readonly data: unknown; readonly event?: string }[], close = false): Response {
  const text = events
    .map(({ id, data, event = 'dispute' }) => `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
    .join(': keep-alive\n\n');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      if (close) controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
}

/** A 401 unless the request carries a bearer token minted for the path's order (`<orderId>:<n>`). */
function refuseToken(request: Request, orderId: string): Response | null {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
  if (token !== undefined && token.startsWith(`${orderId}:`)) return null;
  return problem(401, ProblemType.unauthorized, 'Unauthorized', {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

/** A 400 unless a POST carries an Idempotency-Key of 1-255 visible ASCII characters. */
function refuseKey(request: Request): Response | null {
  const key = request.headers.get(ContractHeader.idempotencyKey);
  if (key !== null && /^[\x21-\x7e]{1,255}$/.test(key)) return null;
  return problem(400, ProblemType.badRequest, 'Bad request', { detail: 'Idempotency-Key is required' });
}

/** A 422 with the faults as field errors. */
export function validationProblem(errors: FieldError[]): Response {
  return problem(422, ProblemType.validation, 'The request is not valid', { errors });
}

/**
 * A handler for endpoint `name` that checks what the backend checks (token, Idempotency-Key and
 * JSON body on POSTs, the body's schema) and then answers with `answer`.
 */
function endpoint(name: EndpointName, answer: (request: Request, body: unknown) => Response | Promise<Response>) {
  const spec = ENDPOINTS[name];
  const resolver: HttpResponseResolver<{ orderId: string }> = async ({ request, params }) => {
    const refused = refuseToken(request, params.orderId) ?? (spec.method === 'POST' ? refuseKey(request) : null);
    if (refused !== null) return refused;
    if (spec.body === null) return answer(request, undefined);
    if (!(request.headers.get('Content-Type') ?? '').startsWith('application/json')) {
      return problem(415, ProblemType.unsupportedMediaType, 'Unsupported media type');
    }
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      return problem(400, ProblemType.badRequest, 'The body is not JSON');
    }
    const parsed = parseWithFaults(spec.body, json);
    if (!parsed.ok) return validationProblem(parsed.faults.map((fault) => ({ path: fault.path, message: fault.message })));
    return answer(request, parsed.value);
  };
  return spec.method === 'GET' ? http.get(pattern(name), resolver) : http.post(pattern(name), resolver);
}

/** The order id in a request's path (`/orders/{orderId}/…`). */
function orderOf(request: Request): string {
  return decodeURIComponent(/\/orders\/([^/]+)/.exec(new URL(request.url).pathname)?.[1] ?? '');
}

const withEtag = (body: JsonBodyType, status = 200, headers: Record<string, string> = {}): Response =>
  HttpResponse.json(body, { status, headers: { [ContractHeader.etag]: ETAG, ...headers } });

/** The backend's answers when all goes well. */
export const happyHandlers = [
  endpoint('getContext', () => withEtag(sampleContext)),
  endpoint('openDispute', () => withEtag(sampleDispute, 201, { Location: `${BASE}/orders/${ORDER_ID}/dispute` })),
  endpoint('getDispute', (request) => {
    const link = `<${eventsUrlFor(orderOf(request))}>; rel="events"`;
    return request.headers.get(ContractHeader.ifNoneMatch) === ETAG
      ? new HttpResponse(null, { status: 304, headers: { [ContractHeader.etag]: ETAG, Link: link } })
      : withEtag(sampleDispute, 200, { Link: link });
  }),
  endpoint('uploadPhoto', async (request) => {
    const file = (await request.formData()).get('file');
    if (!(file instanceof Blob) || file.size === 0) return validationProblem([{ path: '$.file', message: 'a file part is required' }]);
    if (file.type !== 'image/png') return problem(415, ProblemType.unsupportedMediaType, 'Unsupported media type');
    return HttpResponse.json({ ...samplePhoto, bytes: file.size }, { status: 201 });
  }),
  endpoint('requestPhotoUpload', (request) => HttpResponse.json(ticketFor(orderOf(request)), { status: 201 })),
  endpoint('respond', () => withEtag(resolvedDispute)),
  endpoint('answerCounter', () => withEtag(resolvedDispute)),
  endpoint('withdraw', () => withEtag({ ...sampleDispute, status: 'withdrawn', idle: { waitingFor: null, at: null, then: 'none' } })),
  endpoint('escalate', () => withEtag(escalatedDispute)),
  endpoint('decide', () => withEtag(resolvedDispute)),
  endpoint('retrySettlement', () => withEtag(resolvedDispute)),
  endpoint('rate', () => withEtag({ ...resolvedDispute, ratings: [{ role: 'buyer', score: 5 }] })),
  // The event stream: the dispute as it stands, then the seller's acceptance; it stays open.
  http.get(EVENTS_PATTERN, ({ request, params }) =>
    refuseToken(request, String(params['orderId'])) ?? eventStream([{ id: ETAG, data: sampleDispute }, { id: ETAG_2, data: resolvedDispute }])),
  http.put(UPLOAD_PATTERN, async ({ request }) => {
    if (request.headers.has('Authorization')) return problem(400, ProblemType.badRequest, 'A pre-signed upload takes no token');
    if (request.headers.get('Content-Type') !== sampleTicket.headers['Content-Type']) {
      return problem(403, ProblemType.forbiddenRole, 'The signature does not cover this content type');
    }
    const bytes = (await request.arrayBuffer()).byteLength;
    if (bytes === 0) return validationProblem([{ path: '$', message: 'the body is empty' }]);
    return HttpResponse.json({ ...samplePhoto, bytes });
  }),
];

export const worker = setupWorker(...happyHandlers);

/** Starts the mock backend before the file's tests, forgets per-test handlers after each, stops it after all. */
export function useMockBackend(): void {
  before(() => worker.start({ onUnhandledRequest: 'error', quiet: true }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());
}

/** What the backend saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | null;
  readonly idempotencyKey: string | null;
  readonly ifNoneMatch: string | null;
}

/** One scripted answer: a response, or `pass` to let the happy handler answer (and check the request). */
export type Step = ((request: Request) => Response | Promise<Response>) | 'pass';

/**
 * Scripts the answers to `method url`: the n-th request gets `steps[n]` (the last step repeats).
 * With `only`, requests for other orders pass by. Gives back what the backend saw of each request.
 */
export function script(method: 'GET' | 'POST' | 'PUT', url: string, steps: readonly Step[], only?: { readonly orderId: string }): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const route = { GET: http.get, POST: http.post, PUT: http.put }[method];
  worker.use(
    route(url, ({ request, params }) => {
      if (only !== undefined && params['orderId'] !== only.orderId) return undefined;
      const step = steps[Math.min(seen.length, steps.length - 1)] ?? 'pass';
      seen.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.get('Authorization'),
        idempotencyKey: request.headers.get(ContractHeader.idempotencyKey),
        ifNoneMatch: request.headers.get(ContractHeader.ifNoneMatch),
      });
      return step === 'pass' ? undefined : step(request);
    }),
  );
  return seen;
}

/** A request as the client sent it, whether or not it ever reached the backend. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  idempotencyKey: string | null;
}

/** An XMLHttpRequest that notes what it sends. */
class RecordingXhr extends XMLHttpRequest {
  #entry: SentRequest | null = null;

  constructor(readonly sent: SentRequest[]) {
    super();
  }

  override open(method: string, url: string | URL, async = true, username?: string | null, password?: string | null): void {
    this.#entry = { method, url: String(url), idempotencyKey: null };
    super.open(method, url, async, username, password);
  }

  override setRequestHeader(name: string, value: string): void {
    if (this.#entry !== null && name.toLowerCase() === ContractHeader.idempotencyKey.toLowerCase()) this.#entry.idempotencyKey = value;
    super.setRequestHeader(name, value);
  }

  override send(body?: Document | XMLHttpRequestBodyInit | null): void {
    if (this.#entry !== null) this.sent.push(this.#entry);
    super.send(body);
  }
}

/** A client for the tests, and what it asked of `getToken`, how long it wanted to wait, and what it sent. */
export interface TestClient {
  readonly client: MediationClient;
  readonly tokenRequests: TokenRequest[];
  readonly sleeps: number[];
  /** Every request sent with `fetch` or the default XMLHttpRequest. */
  readonly sent: SentRequest[];
}

/** The retry policy of the tests: three tries, waits of 100 ms doubling (halved by the fixed jitter), Retry-After up to 5 s. */
export const TEST_RETRY = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 } as const;

/**
 * A client of the mock backend whose `sleep` records the wait and returns at once, whose jitter
 * is always one half, and whose tokens are `<orderId>:<n>` for the n-th `getToken` call.
 */
export function testClient(options: Partial<ClientOptions> = {}): TestClient {
  const tokenRequests: TokenRequest[] = [];
  const sleeps: number[] = [];
  const sent: SentRequest[] = [];
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const client = createClient({
    baseUrl: BASE,
    getToken: (request) => {
      tokenRequests.push(request);
      return `${request.orderId}:${tokenRequests.length}`;
    },
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    retry: TEST_RETRY,
    timeoutMs: 5000,
    ...options,
    fetch: (input, init) => {
      sent.push({ method: init.method ?? 'GET', url: input, idempotencyKey: new Headers(init.headers).get(ContractHeader.idempotencyKey) });
      return send(input, init);
    },
    xhr: options.xhr === undefined ? () => new RecordingXhr(sent) : options.xhr,
  });
  return { client, tokenRequests, sleeps, sent };
}

/** The error a promise rejects with; fails when it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
