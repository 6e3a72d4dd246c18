import { ContractHeader, Dispute, parseWithFaults, Problem } from '@amicable/protocol';
import {
  ConflictError,
  HttpError,
  MalformedResponseError,
  SchemaError,
  UnauthorizedError,
  ValidationError,
  type ClientError,
  type RequestDescription,
} from './errors.js';
import { parseRetryAfter } from './retry-policy.js';

/** A schema of the protocol, as `parseWithFaults` takes it. */
export type Schema = Parameters<typeof parseWithFaults>[0];
/** What a schema parses to. */
export type Parsed<S extends Schema> = Extract<ReturnType<typeof parseWithFaults<S>>, { ok: true }>['value'];

/** An HTTP answer with its body read as text, whether it came through `fetch` or `XMLHttpRequest`. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The URL that answered (after redirects); links in headers are relative to it. */
  readonly url: string;
}

/** A host's conversion of its JSON into the contract's, run before validation. */
export type JsonAdapter = (json: unknown) => unknown;

/**
 * The value of a successful answer (or of one event of a stream): its body parsed as JSON,
 * converted by `adapt`, and validated with `schema`. Throws `MalformedResponseError` for a body
 * that is not JSON and `SchemaError` (with the failing JSON paths) for one that does not match:
 * such a body never reaches the caller.
 */
export function decodeAnswer<S extends Schema>(
  request: RequestDescription,
  answer: Pick<RawAnswer, 'status' | 'body'>,
  schema: S,
  adapt: JsonAdapter | undefined,
): Parsed<S> {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new MalformedResponseError(request, answer.status, 'not-json');
  }
  const parsed = parseWithFaults(schema, adapt === undefined ? json : adapt(json));
  if (!parsed.ok) throw new SchemaError(request, answer.status, parsed.faults);
  return parsed.value;
}

/**
 * The error for an answer with an error status: 401 `UnauthorizedError`, 409 `ConflictError`
 * (with the dispute from the problem, when valid), 422 `ValidationError`, any other status
 * `HttpError`, and `MalformedResponseError` when the body claims to be a problem
 * (`application/problem+json`) but is not one. Another body (an HTML error page of a proxy) is
 * no problem, and no fault either.
 */
export function answerError(request: RequestDescription, answer: RawAnswer, adaptProblem: JsonAdapter | undefined): ClientError {
  const problem = readProblem(request, answer, adaptProblem);
  if (problem instanceof MalformedResponseError) return problem;
  const retryAfterMs = parseRetryAfter(answer.headers.get(ContractHeader.retryAfter), Date.now());
  switch (answer.status) {
    case 401:
      return new UnauthorizedError(request, { problem });
    case 409:
      return new ConflictError(request, { problem, retryAfterMs, dispute: disputeOf(problem) });
    case 422:
      return new ValidationError(request, problem);
    default:
      return new HttpError(request, { status: answer.status, problem, retryAfterMs });
  }
}

function readProblem(request: RequestDescription, answer: RawAnswer, adapt: JsonAdapter | undefined): Problem | null | MalformedResponseError {
  const declared = (answer.headers.get('Content-Type') ?? '').toLowerCase().includes('application/problem+json');
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return declared ? new MalformedResponseError(request, answer.status, 'not-json') : null;
  }
  const parsed = parseWithFaults(Problem, adapt === undefined ? json : adapt(json));
  if (parsed.ok) return parsed.value;
  return declared ? new MalformedResponseError(request, answer.status, 'not-a-problem', parsed.faults) : null;
}

/** The dispute a conflict carries, when it carries a valid one. */
function disputeOf(problem: Problem | null): Dispute | null {
  if (problem === null || !('dispute' in problem)) return null;
  const parsed = parseWithFaults(Dispute, problem['dispute']);
  return parsed.ok ? parsed.value : null;
}
