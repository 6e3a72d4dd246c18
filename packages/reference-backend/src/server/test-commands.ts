import type { Role } from '@amicable/protocol';

/**
 * The commands the reference backend's test-runner plugin answers, for browser tests to send with
 * `executeServerCommand` from `@web/test-runner-commands`.
 */
export const ReferenceBackendCommand = Object.freeze({
  /** Starts a fresh server (PGlite in memory, fake clock, reference seed); answers `StartResult`. */
  start: 'reference-backend:start',
  /** Mints a token of that server; answers the token. */
  mintToken: 'reference-backend:mint-token',
  /** Moves that server's clock forward and applies lapsed deadlines; answers `AdvanceClockResult`. */
  advanceClock: 'reference-backend:advance-clock',
  /** Stops that server; answers `true`. */
  stop: 'reference-backend:stop',
} as const);

/** Where the fake clock of every test server starts. */
export const TEST_SERVER_START = '2026-11-26T09:00:00.000Z';

/** The answer to `reference-backend:start`. */
export interface StartResult {
  /** The server's API base URL, which also names it in the other commands. */
  readonly baseUrl: string;
  /** The time its clock starts at (`TEST_SERVER_START`). */
  readonly now: string;
}

export interface MintTokenPayload {
  readonly baseUrl: string;
  readonly orderId: string;
  readonly role: Role;
  readonly ttlSeconds?: number;
}

export interface AdvanceClockPayload {
  readonly baseUrl: string;
  readonly ms: number;
}

/** The answer to `reference-backend:advance-clock`. */
export interface AdvanceClockResult {
  /** The server's time after the move. */
  readonly now: string;
  /** How many disputes the sweep changed. */
  readonly swept: number;
}

export interface StopPayload {
  readonly baseUrl: string;
}
