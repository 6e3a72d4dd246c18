import { ContractHeader } from '@amicable/protocol';
import { problem, ProblemError } from './problems.js';
import type { Reply } from './reply.js';
import type { IdempotencyRecord, Store } from './store.js';

/** How long a key's response is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const KEY_SYNTAX = /^[\x21-\x7e]{1,255}$/;

/** Whether `key` is a valid Idempotency-Key: 1 to 255 visible ASCII characters. */
export function isValidIdempotencyKey(key: string | null): key is string {
  return key !== null && KEY_SYNTAX.test(key);
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

/**
 * Runs `run` once per key: a repeat with the same fingerprint replays the stored response (or is
 * told to wait while the first is in flight); a repeat with another fingerprint is refused.
 * Responses below 500 are kept; after a 5xx or a throw the key is released so that a retry runs again.
 */
export async function withIdempotency(
  store: Store,
  scope: IdempotencyScope,
  fingerprint: string,
  now: Date,
  run: () => Promise<Reply>,
): Promise<Reply> {
  const key = JSON.stringify([scope.orderId, scope.role, scope.method, scope.path, scope.key]);
  const at = now.toISOString();
  // Two rounds: a key found expired, or released between the claim and the read, is claimed again.
  for (let round = 0; round < 2; round += 1) {
    if (await store.claimIdempotencyKey(key, fingerprint, at)) return runClaimed(store, key, run);
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
}

async function runClaimed(store: Store, key: string, run: () => Promise<Reply>): Promise<Reply> {
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
  if (reply.status < 500 && typeof reply.body === 'string') {
    await store.completeIdempotencyKey(key, { status: reply.status, headers: { ...reply.headers }, body: reply.body });
  } else {
    await store.releaseIdempotencyKey(key);
  }
  return reply;
}
