import type { Dispute, EndpointName, FieldError, Problem, ShapeFault } from '@amicable/protocol';

/**
 * What a request of the client talks to: an endpoint of the contract, the pre-signed URL a photo
 * is PUT to (`uploadTarget`), or the dispute's event stream (`disputeEvents`).
 */
export type ClientOperation = EndpointName | 'uploadTarget' | 'disputeEvents';

/** The request an error is about. The URL never carries its query string: a pre-signed URL's signature is a secret. */
export interface RequestDescription {
  readonly operation: ClientOperation;
  readonly method: string;
  readonly url: string;
}

/** The discriminant of every error the client throws. */
export type ClientErrorKind =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'http'
  | 'unauthorized'
  | 'conflict'
  | 'validation'
  | 'malformed'
  | 'schema';

const BRAND = Symbol.for('amicable.client-error');

/**
 * The common base of every error the client throws. Narrow with `kind`; `code` is the problem
 * `type` when the backend sent a problem, else the kind, so that `failureOf` in the machines keeps
 * something stable to branch on. `operation`, `method` and `url` say which request failed.
 */
export class ClientError extends Error {
  readonly kind: ClientErrorKind;
  readonly code: string;
  readonly operation: ClientOperation;
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;
  protected constructor(
    kind: ClientErrorKind,
    request: RequestDescription,
    message: string,
    code: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = code;
    this.operation = request.operation;
    this.method = request.method;
    this.url = request.url;
    // A brand rather than `instanceof`: errors of another copy of this package (a script-tag
    // bundle next to an ESM import) are recognised too.
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** `fetch` (or the upload) failed before any answer came: offline, DNS, CORS, a reset connection. Retried. */
export class NetworkError extends ClientError {
  declare readonly kind: 'network';
  constructor(request: RequestDescription, cause: unknown) {
    super('network', request, `${subject(request)} could not reach the backend${causeText(cause)}.`, 'network', { cause });
    this.name = 'NetworkError';
  }
}

/** No complete answer came within `timeoutMs` (for uploads: no progress within it). Retried. */
export class TimeoutError extends ClientError {
  declare readonly kind: 'timeout';
  readonly timeoutMs: number;
  constructor(request: RequestDescription, timeoutMs: number) {
    super('timeout', request, `${subject(request)} got no answer within ${timeoutMs} ms.`, 'timeout');
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. Never retried. `cause` is the signal's reason. */
export class AbortedError extends ClientError {
  declare readonly kind: 'aborted';
  constructor(request: RequestDescription, reason: unknown) {
    super('aborted', request, `${subject(request)} was cancelled.`, 'aborted', { cause: reason });
    this.name = 'AbortedError';
  }
}

/** What every error made from an HTTP answer carries. */
interface AnswerDetails {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfterMs: number | null;
}

/**
 * Any error status without a kind of its own (400, 403, 404, 413, 415, 429, 5xx…), with the
 * problem the backend sent, if it was one, and `Retry-After` in milliseconds, if it said.
 */
export class HttpError extends ClientError {
  declare readonly kind: 'http';
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfterMs: number | null;
  constructor(request: RequestDescription, answer: AnswerDetails) {
    super('http', request, `${subject(request)} failed with HTTP ${answer.status}${problemText(answer.problem)}.`, answer.problem?.type ?? 'http');
    this.name = 'HttpError';
    this.status = answer.status;
    this.problem = answer.problem;
    this.retryAfterMs = answer.retryAfterMs;
  }
}

/**
 * The backend refused the token even after `getToken({ refresh: true })` gave a new one, or
 * `getToken` itself failed (then `status` is `null` and `cause` is what it threw).
 */
export class UnauthorizedError extends ClientError {
  declare readonly kind: 'unauthorized';
  readonly status: 401 | null;
  readonly problem: Problem | null;
  constructor(request: RequestDescription, answer: { readonly problem: Problem | null } | { readonly tokenFailure: unknown; readonly orderId: string }) {
    const refused = 'problem' in answer;
    super(
      'unauthorized',
      request,
      refused
        ? `${subject(request)} was refused with HTTP 401 even with a fresh token${problemText(answer.problem)}.`
        : `${subject(request)} has no token: getToken failed for order ${JSON.stringify(answer.orderId)}${causeText(answer.tokenFailure)}.`,
      refused ? (answer.problem?.type ?? 'unauthorized') : 'unauthorized',
      refused ? undefined : { cause: answer.tokenFailure },
    );
    this.name = 'UnauthorizedError';
    this.status = refused ? 401 : null;
    this.problem = refused ? answer.problem : null;
  }
}

/**
 * 409: the dispute is not in a state that accepts this (or it exists already, or its deadline
 * passed). `dispute` is its current state from the problem's `dispute` member, when the backend
 * sent one that matches the schema; show it instead of reading again.
 */
export class ConflictError extends ClientError {
  declare readonly kind: 'conflict';
  readonly status: 409;
  readonly problem: Problem | null;
  readonly retryAfterMs: number | null;
  readonly dispute: Dispute | null;
  constructor(request: RequestDescription, answer: Omit<AnswerDetails, 'status'> & { readonly dispute: Dispute | null }) {
    super(
      'conflict',
      request,
      `${subject(request)} conflicts with the current state of the dispute (HTTP 409${problemText(answer.problem, ', ')}).`,
      answer.problem?.type ?? 'conflict',
    );
    this.name = 'ConflictError';
    this.status = 409;
    this.problem = answer.problem;
    this.retryAfterMs = answer.retryAfterMs;
    this.dispute = answer.dispute;
  }
}

/** 422: the request broke a rule; `errors` names each field by its JSON path (empty when the backend named none). */
export class ValidationError extends ClientError {
  declare readonly kind: 'validation';
  readonly status: 422;
  readonly problem: Problem | null;
  readonly errors: readonly FieldError[];
  constructor(request: RequestDescription, problem: Problem | null) {
    const errors = problem?.errors ?? [];
    super(
      'validation',
      request,
      `${subject(request)} was refused as invalid (HTTP 422${problemText(problem, ', ')})${listText(errors.map((e) => `${e.path}: ${e.message}`))}`,
      problem?.type ?? 'validation',
    );
    this.name = 'ValidationError';
    this.status = 422;
    this.problem = problem;
    this.errors = errors;
  }
}

/**
 * The answer could not be read: a success whose body is not JSON, or an
 * `application/problem+json` body that is not JSON or not a problem. Never retried.
 */
export class MalformedResponseError extends ClientError {
  declare readonly kind: 'malformed';
  readonly status: number;
  /** Where a problem body did not match the problem schema; empty when the body was not JSON at all. */
  readonly faults: readonly ShapeFault[];
  constructor(request: RequestDescription, status: number, what: 'not-json' | 'not-a-problem', faults: readonly ShapeFault[] = []) {
    super(
      'malformed',
      request,
      what === 'not-json'
        ? `${subject(request)} answered HTTP ${status} with a body that is not JSON.`
        : `${subject(request)} answered HTTP ${status} with a problem body that is not a problem${listText(faults.map(faultText))}`,
      'malformed',
    );
    this.name = 'MalformedResponseError';
    this.status = status;
    this.faults = faults;
  }
}

/**
 * A JSON answer that does not match the contract's schema. It never reaches the caller as data;
 * `faults` names each JSON path that failed (`$.status`, `$.photos[0].url`). Never retried.
 */
export class SchemaError extends ClientError {
  declare readonly kind: 'schema';
  readonly status: number;
  readonly faults: readonly ShapeFault[];
  constructor(request: RequestDescription, status: number, faults: readonly ShapeFault[]) {
    super(
      'schema',
      request,
      `${subject(request)} answered with a body that does not match the contract${listText(faults.map(faultText))}`,
      'schema',
    );
    this.name = 'SchemaError';
    this.status = status;
    this.faults = faults;
  }
}

/** Every error the client throws, discriminated by `kind`. */
export type AnyClientError =
  | NetworkError
  | TimeoutError
  | AbortedError
  | HttpError
  | UnauthorizedError
  | ConflictError
  | ValidationError
  | MalformedResponseError
  | SchemaError;

/** Whether `value` is an error thrown by the client (of any copy of this package); narrows to the union. */
export function isClientError(value: unknown): value is AnyClientError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

function subject(request: RequestDescription): string {
  switch (request.operation) {
    case 'uploadTarget':
      return `The photo upload (${request.method} ${request.url})`;
    case 'disputeEvents':
      return `The dispute's event stream (${request.method} ${request.url})`;
    default:
      return `${request.operation} (${request.method} ${request.url})`;
  }
}

function problemText(problem: Problem | null, separator = ': '): string {
  if (problem === null) return '';
  const detail = problem.detail === undefined || problem.detail === '' ? '' : ` (${problem.detail})`;
  return `${separator}${problem.title}${detail}`;
}

function causeText(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
  return message === '' ? '' : `: ${message.replace(/\.$/, '')}`;
}

function faultText(fault: ShapeFault): string {
  return `${fault.path} ${fault.message}`;
}

/** ": a; b; and 3 more." or "." */
function listText(items: readonly string[], shown = 3): string {
  if (items.length === 0) return '.';
  const more = items.length > shown ? `; and ${items.length - shown} more` : '';
  return `: ${items.slice(0, shown).join('; ')}${more}.`;
}
