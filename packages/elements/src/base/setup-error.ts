/** Why an element cannot work with what the host gave it; `code` picks the message people see. */
export type SetupErrorCode = 'invalid-tree' | 'dispute-mismatch';

/**
 * A mistake in how the host set up an element, as opposed to a failure of the backend: the person
 * sees a short message, and the host's developer the details (in `amicable-error` and the console).
 */
export class SetupError extends Error {
  readonly code: SetupErrorCode;

  constructor(code: SetupErrorCode, message: string) {
    super(message);
    this.name = 'SetupError';
    this.code = code;
  }
}
