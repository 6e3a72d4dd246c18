/**
 * Why an injected actor (submitting a dispute, sending a response) failed, as plain data so that
 * a persisted snapshot survives `JSON.stringify`. `code` is the error's own string `code` when it
 * has one: a problem type, a network code.
 */
export interface Failure {
  readonly message: string;
  readonly code?: string;
}

/** The message when what was thrown says nothing usable. */
export const GENERIC_FAILURE_MESSAGE = 'something went wrong; please try again';

/**
 * Turns whatever an actor threw or rejected with into a `Failure`: an `Error` or any object with a
 * string `message` gives that message, a string is the message itself, anything else (or an empty
 * message) gives a generic one. A string `code` on the object is kept. Never throws.
 */
export function failureOf(error: unknown): Failure {
  if (typeof error === 'string') return { message: error === '' ? GENERIC_FAILURE_MESSAGE : error };
  if (typeof error !== 'object' || error === null) return { message: GENERIC_FAILURE_MESSAGE };
  const message = member(error, 'message');
  const code = member(error, 'code');
  const text = typeof message === 'string' && message !== '' ? message : GENERIC_FAILURE_MESSAGE;
  return typeof code === 'string' && code !== '' ? { message: text, code } : { message: text };
}

function member(object: object, key: 'message' | 'code'): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    // A getter or proxy that throws must not turn one failure into another.
    return undefined;
  }
}
