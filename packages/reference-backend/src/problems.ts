import { ProblemType, type Dispute, type FieldError } from '@amicable/protocol';
import type { Reply } from './reply.js';

type ProblemTypeName = keyof typeof ProblemType;

/** Each problem type's status and title, as the contract fixes them. */
export const PROBLEMS: Readonly<Record<ProblemTypeName, { readonly status: number; readonly title: string }>> = {
  badRequest: { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbiddenRole: { status: 403, title: 'Forbidden' },
  notFound: { status: 404, title: 'Not found' },
  invalidState: { status: 409, title: 'The dispute does not accept this now' },
  deadlinePassed: { status: 409, title: 'The deadline has passed' },
  disputeExists: { status: 409, title: 'The order already has a dispute' },
  treeChanged: { status: 409, title: 'The decision tree has changed' },
  alreadyRated: { status: 409, title: 'Already rated' },
  idempotencyKeyInFlight: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  payloadTooLarge: { status: 413, title: 'Too large' },
  unsupportedMediaType: { status: 415, title: 'Unsupported media type' },
  validation: { status: 422, title: 'Invalid request' },
  outOfBounds: { status: 422, title: 'Amount out of bounds' },
  unknownProposal: { status: 422, title: 'Unknown proposal' },
  counterNotAllowed: { status: 422, title: 'No counter-offer allowed' },
  idempotencyKeyReused: { status: 422, title: 'Idempotency-Key reused with another request' },
  rateLimited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Unavailable' },
};

/** What a problem may carry besides its type. */
export interface ProblemDetails {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** The dispute's current state, carried by 409 conflicts. */
  readonly dispute?: Dispute;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An `application/problem+json` reply of `type` (a key of `ProblemType`) with its contract status. */
export function problem(type: ProblemTypeName, details: ProblemDetails = {}): Reply {
  const { status, title } = PROBLEMS[type];
  const body = {
    type: ProblemType[type],
    title,
    status,
    ...(details.detail === undefined ? {} : { detail: details.detail }),
    ...(details.errors === undefined ? {} : { errors: details.errors }),
    ...(details.dispute === undefined ? {} : { dispute: details.dispute }),
  };
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...details.headers },
    body: JSON.stringify(body),
  };
}

/** Thrown where a request cannot go on; the handler answers with its reply. */
export class ProblemError extends Error {
  constructor(readonly reply: Reply) {
    super(`problem ${reply.status}`);
    this.name = 'ProblemError';
  }
}
