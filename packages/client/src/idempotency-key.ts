import { IDEMPOTENCY_KEY_PATTERN, MAX_IDEMPOTENCY_KEY_LENGTH } from '@amicable/protocol';

/**
 * A new idempotency key: a random UUID. `crypto.randomUUID` exists only in secure contexts, so an
 * `http:` page builds the same kind of UUID (version 4) from `crypto.getRandomValues`.
 */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The key a call sends: the caller's, once checked against the contract's rule (1-255 visible
 * ASCII characters, `!` to `~`), or a new one. A bad key throws a `TypeError` saying what is
 * wrong, so that the call fails before it asks for a token or sends anything, rather than with
 * the backend's 400.
 */
export function checkedIdempotencyKey(given: string | undefined): string {
  if (given === undefined) return idempotencyKey();
  if (typeof given !== 'string') throw new TypeError(`idempotencyKey must be a string, got ${typeof given}`);
  if (IDEMPOTENCY_KEY_PATTERN.test(given)) return given;
  if (given.length === 0) throw new TypeError('idempotencyKey must not be empty');
  if (given.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new TypeError(`idempotencyKey must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${given.length}`);
  }
  // The pattern failed on a character: name the first one outside `!`-`~`.
  const index = [...given].findIndex((char) => !IDEMPOTENCY_KEY_PATTERN.test(char));
  const code = (given.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  throw new TypeError(`idempotencyKey must be visible ASCII characters (! to ~, no spaces), got U+${code} at position ${index + 1}`);
}
