import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, normalize, sep } from 'node:path';
import { Role } from '@amicable/protocol';
import { createFakeClock } from '../index.js';
import { createPgliteTemplate } from './pglite-template.js';
import { startReferenceServer, type ReferenceServer } from './reference-server.js';
import {
  ReferenceBackendCommand,
  TEST_SERVER_START,
  type AdvanceClockPayload,
  type AdvanceClockResult,
  type MintTokenPayload,
  type StartResult,
  type StopPayload,
} from './test-commands.js';

/**
 * The part of a web-test-runner plugin this one uses, written out so that the module needs
 * nothing from the test runner (it is structurally a `TestRunnerPlugin`).
 */
export interface ReferenceBackendTestPlugin {
  readonly name: string;
  executeCommand(args: { command: string; payload?: unknown }): Promise<unknown> | undefined;
  serverStart(args: { config: { rootDir: string } }): void;
  resolveImport(args: { source: string; context: { path: string } }): string | undefined;
  serve(context: { path: string }): { body: string; type: string } | undefined;
  transform(context: { path: string }): Promise<{ body: Uint8Array } | undefined>;
  serverStop(): Promise<void>;
}

/** Where the empty stand-in for Node's built-in modules is served (see `resolveImport`). */
const NODE_BUILTIN_STUB = '/__amicable-reference-backend__/node-builtin.js';

/** PGlite's binary assets: its wasm modules, its file-system bundle and its extensions. */
const PGLITE_ASSET = /\/@electric-sql\/pglite\/dist\/[^/]+\.(?:wasm|data|tar\.gz)$/;

interface RunningServer {
  readonly server: ReferenceServer;
  readonly clock: ReturnType<typeof createFakeClock>;
}

function record(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null) throw new Error('The command needs a payload object.');
  return payload as Record<string, unknown>;
}

/**
 * A web-test-runner plugin that runs real reference servers for browser tests: each
 * `reference-backend:start` starts one on 127.0.0.1 (any free port) with a fresh PGlite database in
 * memory (a copy of a migrated template, about a second to open), a fake clock at
 * `TEST_SERVER_START` and the reference seed, so that test files do not share data.
 * Servers left running are closed when the test run ends.
 *
 * It also lets PGlite's browser build load in test pages, so that the SQL store can be tested
 * there: PGlite imports Node's built-in modules only on its Node code paths, but the dev server
 * resolves every import up front, so those imports are pointed at an empty module; and the dev
 * server guesses from the content whether a file is text, takes PGlite's file-system bundle for
 * text and re-encodes it, so its assets are sent again byte for byte.
 */
export function referenceBackendPlugin(): ReferenceBackendTestPlugin {
  const servers = new Map<string, RunningServer>();
  const databases = createPgliteTemplate();
  let rootDir: string | undefined;

  function running(payload: unknown): { running: RunningServer; args: Record<string, unknown> } {
    const args = record(payload);
    const found = typeof args['baseUrl'] === 'string' ? servers.get(args['baseUrl']) : undefined;
    if (found === undefined) throw new Error(`No reference server runs at ${String(args['baseUrl'])}; start one with ${ReferenceBackendCommand.start}.`);
    return { running: found, args };
  }

  const commands: Record<string, (payload: unknown) => Promise<unknown>> = {
    async [ReferenceBackendCommand.start](): Promise<StartResult> {
      const clock = createFakeClock(TEST_SERVER_START);
      const server = await startReferenceServer({ host: '127.0.0.1', port: 0, database: await databases.open(), clock, seed: true });
      servers.set(server.url, { server, clock });
      return { baseUrl: server.url, now: clock().toISOString() };
    },
    async [ReferenceBackendCommand.mintToken](payload) {
      const { running: { server }, args } = running(payload);
      const { orderId, role, ttlSeconds } = args as Partial<MintTokenPayload>;
      if (typeof orderId !== 'string' || !Role.safeParse(role).success || (ttlSeconds !== undefined && typeof ttlSeconds !== 'number')) {
        throw new Error('mint-token needs { baseUrl, orderId, role: buyer | seller | support, ttlSeconds? }.');
      }
      return server.backend.mintToken(orderId, role as Role, ttlSeconds);
    },
    async [ReferenceBackendCommand.advanceClock](payload): Promise<AdvanceClockResult> {
      const { running: { server, clock }, args } = running(payload);
      const { ms } = args as Partial<AdvanceClockPayload>;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error('advance-clock needs { baseUrl, ms } with ms >= 0.');
      clock.advance(ms);
      const swept = await server.backend.sweep();
      return { now: clock().toISOString(), swept };
    },
    async [ReferenceBackendCommand.stop](payload) {
      const { running: { server }, args } = running(payload);
      servers.delete((args as unknown as StopPayload).baseUrl);
      await server.close();
      return true;
    },
  };

  return {
    name: 'amicable-reference-backend',
    serverStart({ config }) {
      rootDir = config.rootDir;
      // Preparing the database template takes seconds; do it while the browsers start.
      databases.warm();
    },
    executeCommand({ command, payload }) {
      // Other plugins' commands are theirs: `undefined` lets the runner ask the next plugin.
      const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
      return run?.(payload);
    },
    resolveImport({ source, context }) {
      if (context.path.includes('/@electric-sql/pglite/') && isBuiltin(source)) return NODE_BUILTIN_STUB;
      return undefined;
    },
    serve(context) {
      if (context.path !== NODE_BUILTIN_STUB) return undefined;
      return { body: 'export default {};\n', type: 'js' };
    },
    async transform(context) {
      if (rootDir === undefined || !PGLITE_ASSET.test(context.path)) return undefined;
      const file = normalize(join(rootDir, decodeURIComponent(context.path)));
      if (!file.startsWith(normalize(rootDir) + sep)) return undefined;
      return { body: await readFile(file) };
    },
    async serverStop() {
      const all = [...servers.values()];
      servers.clear();
      await Promise.allSettled(all.map(({ server }) => server.close()));
    },
  };
}
