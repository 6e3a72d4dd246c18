import { waitUntil as waitUntilWithin } from '@open-wc/testing';

/**
 * `waitUntil` of @open-wc/testing, with a timeout fit for shared machines: the suite runs test
 * files side by side with real servers, and an answer may take seconds. Only what never happens
 * fails; nothing here measures time.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return waitUntilWithin(predicate, message, { timeout: 10_000, ...options });
}
