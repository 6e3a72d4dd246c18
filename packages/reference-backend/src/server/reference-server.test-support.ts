import type { Role } from '@amicable/protocol';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  ReferenceBackendCommand,
  type AdvanceClockPayload,
  type AdvanceClockResult,
  type MintTokenPayload,
  type StartResult,
  type StopPayload,
} from './test-commands.js';

/**
 * A real reference server for a browser test, driven through the test runner's plugin: on
 * 127.0.0.1 with PGlite in memory, a fake clock starting at `TEST_SERVER_START` and the reference
 * orders. Start one per test file (in `before`) and stop it in `after`.
 */
export interface TestServer {
  /** The API base URL. */
  readonly baseUrl: string;
  /** The server's time when it started. */
  readonly startedAt: string;
  token(orderId: string, role: Role, ttlSeconds?: number): Promise<string>;
  /** Moves the server's clock forward and applies the deadlines that lapsed. */
  advanceClock(ms: number): Promise<AdvanceClockResult>;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const { baseUrl, now } = await executeServerCommand<StartResult, undefined>(ReferenceBackendCommand.start);
  return {
    baseUrl,
    startedAt: now,
    token: (orderId, role, ttlSeconds) =>
      executeServerCommand<string, MintTokenPayload>(ReferenceBackendCommand.mintToken, {
        baseUrl,
        orderId,
        role,
        ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
      }),
    advanceClock: (ms) => executeServerCommand<AdvanceClockResult, AdvanceClockPayload>(ReferenceBackendCommand.advanceClock, { baseUrl, ms }),
    async stop() {
      await executeServerCommand<boolean, StopPayload>(ReferenceBackendCommand.stop, { baseUrl });
    },
  };
}
