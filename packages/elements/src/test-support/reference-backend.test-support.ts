import { createClient, type MediationClient } from '@amicable/client';
import type { Role } from '@amicable/protocol';
import { createFakeClock, createMemoryStore, createReferenceBackend, referenceSeed, type ReferenceBackend } from '@amicable/reference-backend';
import { referenceHandlers } from '@amicable/reference-backend/msw';
import { setupWorker } from 'msw/browser';

/** Where the elements' tests find the backend: msw answers every request to it in the page. */
export const API_BASE = 'https://marketplace.test/api';

/** Seeded orders (see the reference backend's seed). */
export const EUR_ORDER = 'ord-1001';
export const JPY_ORDER = 'ord-1002';
export const KWD_ORDER = 'ord-1003';

/** One service worker per test file; `serveReferenceBackend` gives it a fresh backend. */
export const worker = setupWorker();

export interface TestBackend {
  readonly backend: ReferenceBackend;
  /** A client for `role`, with retries that do not wait. */
  client(role: Role): MediationClient;
  /** A token source for `role`, as a script-tag page would give the element. */
  tokenFor(role: Role): (request: { orderId: string }) => Promise<string>;
  /** Moves the backend's clock on and applies what lapsed. */
  advance(ms: number): Promise<void>;
}

/** Starts the page's msw worker; call from `before`. */
export function startWorker(): Promise<unknown> {
  return worker.start({ onUnhandledRequest: 'error', quiet: true });
}

/** A fresh reference backend (memory store, fake clock at 2026-11-26 09:00 UTC, seeded), served by msw. */
export async function serveReferenceBackend(): Promise<TestBackend> {
  const clock = createFakeClock('2026-11-26T09:00:00.000Z');
  const backend = createReferenceBackend({ store: createMemoryStore(), secret: 'elements-secret', baseUrl: API_BASE, clock });
  await backend.seed(referenceSeed);
  worker.resetHandlers(...referenceHandlers(backend, { baseUrl: API_BASE }));
  const tokenFor = (role: Role) => ({ orderId }: { orderId: string }) => backend.mintToken(orderId, role);
  return {
    backend,
    tokenFor,
    client: (role) => createClient({ baseUrl: API_BASE, getToken: tokenFor(role), sleep: () => Promise.resolve() }),
    async advance(ms) {
      clock.advance(ms);
      await backend.sweep();
    },
  };
}
