// The reference backend as the demo runs it: in this process, on PGlite in memory, with a clock
// the page can move forward and data it can put back to the start.
import { createReferenceBackend, referenceSeed } from '@amicable/reference-backend';
import { createSqlStore, openDatabase, randomSecret } from '@amicable/reference-backend/server';

/** How long a token minted for the page lives, by the backend's clock. */
export const TOKEN_TTL_SECONDS = 60 * 60;

const ROLES = new Set(['buyer', 'seller']);
const HOUR_MS = 60 * 60 * 1000;

/** The reference backend's tables (docs/reference-backend.md), emptied by a reset. */
const TABLES = ['idempotency', 'photos', 'disputes', 'orders', 'trees'];

/**
 * Starts the demo's backend for `baseUrl` (where its handler is mounted, e.g.
 * `http://127.0.0.1:5173/api`). Its clock is the real time plus an offset that `advance` grows, so
 * time keeps flowing between clicks and a click jumps it ahead. `reset` empties the database and
 * seeds the reference orders again; the offset goes back to zero.
 */
export async function startDemoBackend({ baseUrl, secret = randomSecret() }) {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const db = await openDatabase('pglite:memory');
  const store = createSqlStore(db);
  let backend;
  try {
    await store.migrate();
    backend = await seeded();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }

  // A new backend on the same store: its event hub starts without the old streams' listeners.
  async function seeded() {
    const fresh = createReferenceBackend({ store, secret, baseUrl, clock });
    await fresh.seed(referenceSeed);
    return fresh;
  }

  // Requests wait for a reset in progress; a failed reset is reported to whoever asked for it.
  let resetting = Promise.resolve();
  const settled = () => resetting.catch(() => undefined);

  return {
    /** The orders the page can show, as seeded. */
    orders: referenceSeed.orders,

    /** Answers one request of the contract. */
    async handle(request) {
      await settled();
      return backend.handle(request);
    },

    /** A token for `role` (buyer or seller) on `orderId`, as a host's server would mint it. */
    async mintToken(orderId, role) {
      if (!ROLES.has(role)) throw new RangeError('role must be buyer or seller');
      if (!referenceSeed.orders.some((order) => order.orderId === orderId)) throw new RangeError(`no order ${orderId}`);
      await settled();
      return backend.mintToken(orderId, role, TOKEN_TTL_SECONDS);
    },

    /** The backend's time. */
    now() {
      return clock();
    },

    /** Moves the clock `hours` ahead and applies every deadline that lapsed; says how many disputes changed. */
    async advance(hours) {
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365) throw new RangeError('hours must be a positive number of at most a year');
      await settled();
      offsetMs += hours * HOUR_MS;
      const swept = await backend.sweep();
      return { now: clock().toISOString(), swept };
    },

    /** Starts over: the seeded orders without disputes or photos, and the real time. */
    reset() {
      resetting = settled().then(async () => {
        for (const table of TABLES) await db.query(`delete from ${table}`, []);
        offsetMs = 0;
        backend = await seeded();
      });
      return resetting;
    },

    /** Closes the database. */
    async close() {
      await settled();
      await store.close();
    },
  };
}
