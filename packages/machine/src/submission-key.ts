// The idempotency key of a submission, shared by the buyer's and the seller's flows: it comes in
// with the event that sends (SUBMIT, CONFIRM), so that the machines stay pure, and stays with the
// same submission across retries and reloads.

/** Whether `key` can serve as an idempotency key: a non-empty string. */
export function isSubmissionKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0;
}

/** The key to send with: the one kept from an earlier attempt at the same submission, else the one just brought. */
export function submissionKeyFor(kept: string | null, brought: string): string {
  return isSubmissionKey(kept) ? kept : brought;
}
