import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { randomBase64Url } from '../base64url.js';
import { createReferenceBackend, referenceSeed, type ReferenceBackend, type ReferenceBackendOptions } from '../index.js';
import { withoutTrailingSlashes } from '../router.js';
import { describeDatabaseLocation, openDatabase, parseDatabaseLocation } from '../sql/open-database.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createSqlStore, type SqlStore } from '../sql/sql-store.js';
import { startSweeps } from './sweeps.js';

/**
 * How often the server sweeps: applies deadlines that lapsed while nobody was asking about the
 * dispute, pays out disputes left settling, and deletes pending photos of expired upload URLs.
 */
export const SWEEP_INTERVAL_MS = 30_000;

/** Options of `startReferenceServer`. */
export interface ReferenceServerOptions {
  /** The interface to listen on; `127.0.0.1` keeps it private to this machine. */
  readonly host?: string;
  /** The TCP port; `0` takes any free one (read the chosen one from `url`). Default 8787. */
  readonly port?: number;
  /**
   * Where the data lives: `pglite:memory` (default), `pglite:<directory>`, a `postgres://` URL,
   * or an already open `SqlClient`.
   */
  readonly database?: string | SqlClient;
  /** The key tokens and photo URLs are signed with; a random one (tokens die with the process) when omitted. */
  readonly secret?: string;
  /** Stores the reference trees and orders at start (existing disputes are kept). Default `true`. */
  readonly seed?: boolean | Parameters<ReferenceBackend['seed']>[0];
  /** The backend's clock; the system's when omitted (tests pass `createFakeClock`). */
  readonly clock?: ReferenceBackendOptions['clock'];
  /** The payments port that pays out settlements; the default one always succeeds. */
  readonly payments?: ReferenceBackendOptions['payments'];
  /** The `Access-Control-Allow-Origin` to answer with; `*` by default. */
  readonly allowedOrigin?: ReferenceBackendOptions['allowedOrigin'];
  /** How long a request without an answer holds its Idempotency-Key; 60 000 ms by default. */
  readonly idempotencyTakeoverMs?: ReferenceBackendOptions['idempotencyTakeoverMs'];
  /** How long a dispute may stay `settling` before a sweep pays it out again; 60 000 ms by default. */
  readonly settlingGraceMs?: ReferenceBackendOptions['settlingGraceMs'];
  /**
   * The API base URL as browsers reach it, when that is not `http://<host>:<port>/api` (behind a
   * proxy, say). Absolute URLs in responses (Location, photo URLs) start with it, and the server
   * answers under its path.
   */
  readonly publicUrl?: string;
}

/** A running reference server. */
export interface ReferenceServer {
  /** The API base URL, e.g. `http://127.0.0.1:8787/api`. */
  readonly url: string;
  readonly backend: ReferenceBackend;
  readonly store: SqlStore;
  /** Stops listening, ends open connections (event streams too), stops the sweeps, closes the database. */
  close(): Promise<void>;
}

const API_PATH = '/api';

function urlHost(host: string): string {
  // A wildcard address is where the server listens, not where a browser can reach it.
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(fetch: (request: Request) => Promise<Response>, hostname: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({ server, port: info.port });
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Event streams and keep-alive sockets would hold `close` open indefinitely.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

/**
 * Serves the reference backend over HTTP on a SQL database: PGlite (embedded, nothing to install)
 * or PostgreSQL. Migrates the database, seeds the reference data, sweeps (see `sweep()`) at once
 * and every 30 seconds, logging a sweep that fails rather than stopping, and resolves once it listens.
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8787;
  const database = options.database ?? 'pglite:memory';
  const db = typeof database === 'string' ? await openDatabase(database) : database;
  const store = createSqlStore(db);

  let backend: ReferenceBackend | undefined;
  let listening: { server: ServerType; port: number } | undefined;
  try {
    await store.migrate();
    // The handler exists only once the port (hence the base URL) is known; nothing can reach the
    // server before it listens, and nothing is answered before the backend exists.
    listening = await listen((request) => {
      if (backend === undefined) return Promise.resolve(new Response(null, { status: 503, headers: { 'Retry-After': '1' } }));
      return backend.handle(request);
    }, host, port);
    const url = withoutTrailingSlashes(options.publicUrl ?? `http://${urlHost(host)}:${listening.port}${API_PATH}`);
    backend = createReferenceBackend({
      store,
      secret: options.secret ?? randomSecret(),
      baseUrl: url,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.payments === undefined ? {} : { payments: options.payments }),
      ...(options.allowedOrigin === undefined ? {} : { allowedOrigin: options.allowedOrigin }),
      ...(options.idempotencyTakeoverMs === undefined ? {} : { idempotencyTakeoverMs: options.idempotencyTakeoverMs }),
      ...(options.settlingGraceMs === undefined ? {} : { settlingGraceMs: options.settlingGraceMs }),
    });
    const seed = options.seed ?? true;
    if (seed !== false) await backend.seed(seed === true ? referenceSeed : seed);
    const stopSweeps = await startSweeps(backend, SWEEP_INTERVAL_MS, (error) => console.error('The sweep failed:', error));

    const ready = backend;
    const server = listening.server;

    let closing: Promise<void> | undefined;
    return {
      url,
      backend: ready,
      store,
      close() {
        closing ??= (async () => {
          stopSweeps();
          try {
            await closeServer(server);
          } finally {
            await store.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    if (listening !== undefined) await closeServer(listening.server).catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** A random signing key: 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBase64Url(32);
}

/** Describes a `database` option for logs, without a password. */
export function describeDatabase(database: string): string {
  return describeDatabaseLocation(parseDatabaseLocation(database));
}
