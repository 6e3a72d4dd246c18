import { ContractHeader, IDEMPOTENCY_KEY_PATTERN } from '@amicable/protocol';
import { problem, ProblemError } from './problems.js';
import type { Reply } from './reply.js';
import type { IdempotencyRecord, Store } from './store.js';

/** How long a key's response is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** Deletes the records of keys older than `IDEMPOTENCY_TTL_MS`, which can no longer be replayed. */
export function deleteExpiredIdempotencyRecords(store: Store, now: Date): Promise<number> {
  // A key expires at 24 h exactly, as `run` judges it: a record created at the cut-off goes too.
  return store.deleteIdempotencyRecords(new Date(now.getTime() - IDEMPOTENCY_TTL_MS + 1).toISOString());
}

/** How long a claim without a response holds its key against a retry, by default: 60 s. */
export const IDEMPOTENCY_TAKEOVER_MS = 60_000;

/** Whether `key` is a valid Idempotency-Key: 1 to 255 visible ASCII characters. */
export function isValidIdempotencyKey(key: string | null): key is string {
  return key !== null && IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** What a key is scoped to: the same key from another order, role, method or path is another key. */
export interface IdempotencyScope {
  readonly orderId: string;
  readonly role: string;
  readonly method: string;
  readonly path: string;
  readonly key: string;
}

function replayed(response: NonNullable<IdempotencyRecord['response']>): Reply {
  return { status: response.status, headers: { ...response.headers, [ContractHeader.idempotentReplayed]: 'true' }, body: response.body };
}

/** Runs a request's work once per Idempotency-Key. */
export interface IdempotencyGuard {
  /**
   * Runs `run` once per key: a repeat with the same fingerprint replays the stored response (or
   * is told to wait while the first is in flight); a repeat with another fingerprint is refused.
   * Responses below 500 are kept; after a 5xx or a throw the key is released so that a retry runs
   * again. A claim left without a response for `takeoverMs` (its process died mid-request) is
   * taken over by a repeat with the same fingerprint, unless this process is still running it.
   */
  run(scope: IdempotencyScope, fingerprint: string, now: Date, run: () => Promise<Reply>): Promise<Reply>;
}

/** A guard on `store`; `takeoverMs` is how long a claim without a response holds its key. */
export function createIdempotencyGuard(store: Store, takeoverMs: number): IdempotencyGuard {
  // Keys this process is handling now: alive, however long they take, so never taken over here.
  const running = new Set<string>();

  async function runClaimed(key: string, fingerprint: string, run: () => Promise<Reply>): Promise<Reply> {
    running.add(key);
    try {
      return await settle(key, fingerprint, run);
    } finally {
      running.delete(key);
    }
  }

  async function settle(key: string, fingerprint: string, run: () => Promise<Reply>): Promise<Reply> {
    let reply: Reply;
    try {
      reply = await run();
    } catch (error) {
      if (!(error instanceof ProblemError)) {
        await store.releaseIdempotencyKey(key);
        throw error;
      }
      reply = error.reply;
    }
    if (reply.status >= 500 || typeof reply.body !== 'string') {
      await store.releaseIdempotencyKey(key);
      return reply;
    }
    if (await store.completeIdempotencyKey(key, { status: reply.status, headers: { ...reply.headers }, body: reply.body })) return reply;
    // A request that outlived its claim, or the one that took it over, stored its response
    // first: that one is the key's answer, to both.
    const record = await store.getIdempotencyRecord(key);
    return record !== null && record.response !== null && record.fingerprint === fingerprint ? replayed(record.response) : reply;
  }

  return {
    async run(scope, fingerprint, now, run) {
      const key = JSON.stringify([scope.orderId, scope.role, scope.method, scope.path, scope.key]);
      const at = now.toISOString();
      const takeOverBefore = running.has(key) ? undefined : new Date(now.getTime() - takeoverMs).toISOString();
      // Two rounds: a key found expired, or released between the claim and the read, is claimed again.
      for (let round = 0; round < 2; round += 1) {
        if (await store.claimIdempotencyKey(key, fingerprint, at, takeOverBefore)) return runClaimed(key, fingerprint, run);
        const record = await store.getIdempotencyRecord(key);
        if (record === null) continue;
        if (now.getTime() - Date.parse(record.createdAt) >= IDEMPOTENCY_TTL_MS) {
          await store.releaseIdempotencyKey(key);
          continue;
        }
        if (record.fingerprint !== fingerprint) {
          return problem('idempotencyKeyReused', { detail: 'this Idempotency-Key was used with another request body; use a new key for a new request' });
        }
        if (record.response === null) {
          return problem('idempotencyKeyInFlight', {
            detail: 'the first request with this Idempotency-Key is still being handled',
            headers: { [ContractHeader.retryAfter]: '1' },
          });
        }
        return replayed(record.response);
      }
      return problem('unavailable', { detail: 'the Idempotency-Key could not be claimed', headers: { [ContractHeader.retryAfter]: '1' } });
    },
  };
}
