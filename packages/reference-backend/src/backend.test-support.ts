import { expect } from '@open-wc/testing';
import { ENDPOINTS, endpointPath, Problem, type EndpointName, type OpenDisputeRequest, type Role } from '@amicable/protocol';
import { createReferenceBackend, type ReferenceBackend, type ReferenceBackendOptions } from './backend.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { createMemoryStore } from './memory-store.js';
import { referenceSeed } from './seed.js';
import type { Store } from './store.js';

export const BASE = 'http://backend.test/api';
export const START = '2026-11-26T09:00:00.000Z';
export const HOUR = 3_600_000;
/** The EUR order (price 61.00 EUR) on the physical-goods tree. */
export const EUR_ORDER = 'ord-1001';
/** The JPY order (pre-signed uploads, JPEG and WebP only). */
export const JPY_ORDER = 'ord-1002';
/** The KWD order on the services tree. */
export const KWD_ORDER = 'ord-1003';

export interface Harness {
  readonly backend: ReferenceBackend;
  readonly store: Store;
  readonly clock: FakeClock;
  /** The token of `role` on `orderId` (the EUR order by default). */
  token(role: Role, orderId?: string): Promise<string>;
  /** Sends a request as `role` (or with no token when `role` is null) to a path under the base URL. */
  call(method: string, path: string, role: Role | null, init?: CallInit): Promise<Response>;
  /** Calls the endpoint `name` for `orderId` as `role`, with a fresh Idempotency-Key for a POST. */
  endpoint(name: EndpointName, role: Role | null, body?: unknown, init?: CallInit & { orderId?: string }): Promise<Response>;
}

export interface CallInit {
  readonly orderId?: string;
  readonly headers?: Record<string, string>;
  readonly body?: BodyInit | null;
  readonly signal?: AbortSignal;
}

let serial = 0;

/** A backend on a memory store seeded with the reference data, a fake clock at `START` and ids counted up. */
export async function harness(options: Partial<ReferenceBackendOptions> = {}): Promise<Harness> {
  const store = options.store ?? createMemoryStore();
  const clock = createFakeClock(START);
  const counters = { dispute: 0, photo: 0 };
  const backend = createReferenceBackend({
    secret: 'test-secret',
    baseUrl: BASE,
    clock,
    newId: (kind) => `${kind}-${(counters[kind] += 1)}`,
    ...options,
    store,
  });
  await backend.seed(referenceSeed);
  const token = (role: Role, orderId = EUR_ORDER) => backend.mintToken(orderId, role);
  const call = async (method: string, path: string, role: Role | null, init: CallInit = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (role !== null && headers.Authorization === undefined) headers.Authorization = `Bearer ${await token(role, init.orderId)}`;
    return backend.handle(new Request(`${BASE}${path}`, { method, headers, body: init.body ?? null, signal: init.signal ?? null }));
  };
  const endpoint = async (name: EndpointName, role: Role | null, body?: unknown, init: CallInit = {}) => {
    const spec = ENDPOINTS[name];
    const orderId = init.orderId ?? EUR_ORDER;
    const path = endpointPath(spec.path, orderId);
    if (spec.method === 'GET') return call('GET', path, role, { ...init, orderId });
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': `key-${(serial += 1)}`, ...init.headers };
    return call('POST', path, role, { ...init, orderId, headers, body: init.body ?? JSON.stringify(body ?? {}) });
  };
  return { backend, store, clock, token, call, endpoint };
}

/** The response's JSON after checking its status (and, for problems, its media type and shape). */
export async function expectStatus<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).to.equal(status);
  if (status >= 400) {
    expect(response.headers.get('Content-Type')).to.equal('application/problem+json');
    const body: unknown = JSON.parse(text);
    expect(Problem.safeParse(body).success, text).to.equal(true);
    return body as T;
  }
  return (text === '' ? null : JSON.parse(text)) as T;
}

/** A problem's body, after checking its status and type (`ProblemType` key). */
export async function expectProblem(response: Response, status: number, type: string): Promise<Problem & { dispute?: unknown }> {
  const body = await expectStatus<Problem>(response, status);
  expect(body.type).to.equal(`urn:amicable:problem:${type}`);
  expect(body.status).to.equal(status);
  return body;
}

/** The buyer's request on the EUR order: parts missing, a partial refund of 9.00 EUR (bounds 3.05-24.40) or a replacement. */
export function missingPartsRequest(overrides: Partial<OpenDisputeRequest> = {}): OpenDisputeRequest {
  return {
    orderId: EUR_ORDER,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [{ nodeId: 'what-went-wrong', optionId: 'missing-parts' }],
    outcomeId: 'missing-parts',
    description: 'The carafe came without its lid and the filter holder is missing.',
    photoIds: [],
    proposals: [{ type: 'partial_refund', amount: { amount: 900, currency: 'EUR' } }, { type: 'replacement' }],
    ...overrides,
  };
}

/** The buyer's request on the EUR order: the parcel never came; a full refund, which a silent seller grants by default. */
export function parcelLostRequest(overrides: Partial<OpenDisputeRequest> = {}): OpenDisputeRequest {
  return {
    orderId: EUR_ORDER,
    treeId: 'physical-goods',
    treeVersion: 1,
    path: [
      { nodeId: 'what-went-wrong', optionId: 'not-received' },
      { nodeId: 'delivery-status', optionId: 'tracking-not-delivered' },
    ],
    outcomeId: 'parcel-not-delivered',
    description: '',
    photoIds: [],
    proposals: [{ type: 'full_refund' }],
    ...overrides,
  };
}

/** A tiny real image encoded by the browser. */
export async function imageBytes(type: 'image/jpeg' | 'image/png' | 'image/webp', width = 16, height = 12): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.fillStyle = '#3366cc';
  context.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type, quality: 0.8 });
  return new Uint8Array(await blob.arrayBuffer());
}
