import type { Message } from './message.js';

/** Strings every element uses: loading, errors, money and deadlines. English, the fallback of every locale. */
export const commonStrings = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.back': 'Back',
  'common.continue': 'Continue',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.required': 'Required',
  'common.charactersLeft': { one: '{count} character left', other: '{count} characters left' },
  'common.tooLong': 'Use at most {max} characters.',
  'error.network': 'We could not reach the server. Check your connection and try again.',
  'error.timeout': 'The server took too long to answer. Try again.',
  'error.aborted': 'The request was cancelled.',
  'error.unauthorized': 'Your session has ended. Reload the page to sign in again.',
  'error.forbidden': 'You are not allowed to do this for this order.',
  'error.not-found': 'We could not find this order.',
  'error.conflict': 'Someone else changed this case in the meantime. It now shows the latest state.',
  'error.validation': 'Some answers were not accepted. Check the highlighted fields.',
  'error.server': 'Something went wrong on our side. Try again in a moment.',
  'error.malformed': 'The server sent an answer we could not read. Try again later.',
  'error.generic': 'Something went wrong. Try again.',
  'error.configuration': 'This widget is not set up: it needs an order id and an API address or client.',
  'error.invalid-tree': 'This form is not set up correctly, so it cannot be used. Please contact the shop.',
  'error.dispute-mismatch': 'This page is about another case than the one open on this order. Reload the page from your order.',
  'live.updated': 'This case was updated.',
} as const satisfies Record<string, Message>;
