import type { StringKey } from './catalog.js';

const PROBLEM = 'urn:amicable:problem:';

const BY_CODE: Readonly<Record<string, StringKey>> = {
  network: 'error.network',
  timeout: 'error.timeout',
  aborted: 'error.aborted',
  unauthorized: 'error.unauthorized',
  malformed: 'error.malformed',
  schema: 'error.malformed',
  'invalid-tree': 'error.invalid-tree',
  'dispute-mismatch': 'error.dispute-mismatch',
  [`${PROBLEM}unauthorized`]: 'error.unauthorized',
  [`${PROBLEM}forbidden-role`]: 'error.forbidden',
  [`${PROBLEM}not-found`]: 'error.not-found',
  [`${PROBLEM}invalid-state`]: 'error.conflict',
  [`${PROBLEM}dispute-exists`]: 'error.conflict',
  [`${PROBLEM}deadline-passed`]: 'error.conflict',
  [`${PROBLEM}tree-changed`]: 'error.conflict',
  [`${PROBLEM}validation`]: 'error.validation',
  [`${PROBLEM}out-of-bounds`]: 'error.validation',
  [`${PROBLEM}unknown-proposal`]: 'error.validation',
  [`${PROBLEM}counter-not-allowed`]: 'error.validation',
  [`${PROBLEM}rate-limited`]: 'error.server',
  [`${PROBLEM}internal`]: 'error.server',
  [`${PROBLEM}unavailable`]: 'error.server',
};

/**
 * The string that explains a failure to the person, from its `code` (a client error's kind or
 * the backend's problem type; see `failureOf` in the machines). The backend's own `detail` is
 * English and technical, so it is never shown as is.
 */
export function failureMessageKey(code: string | undefined): StringKey {
  return (code !== undefined && BY_CODE[code]) || 'error.generic';
}
