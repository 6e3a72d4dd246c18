import { expect } from '@open-wc/testing';
import { ProblemType } from '@amicable/protocol';
import {
  AbortedError,
  ClientError,
  ConflictError,
  HttpError,
  isClientError,
  MalformedResponseError,
  NetworkError,
  SchemaError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
  type AnyClientError,
  type RequestDescription,
} from './errors.js';

const open: RequestDescription = { operation: 'openDispute', method: 'POST', url: 'https://backend.test/api/orders/o-1/dispute' };
const conflictProblem = { type: ProblemType.disputeExists, title: 'The order already has a dispute', status: 409 };

/** One of each kind, as the client makes them. */
const examples: readonly AnyClientError[] = [
  new NetworkError(open, new TypeError('Failed to fetch')),
  new TimeoutError(open, 15_000),
  new AbortedError(open, new DOMException('The user left', 'AbortError')),
  new HttpError(open, { status: 503, problem: null, retryAfterMs: 2000 }),
  new UnauthorizedError(open, { problem: { type: ProblemType.unauthorized, title: 'Unauthorized', status: 401, detail: 'The token has expired' } }),
  new UnauthorizedError(open, { tokenFailure: new Error('signed out'), orderId: 'o-1' }),
  new ConflictError(open, { problem: conflictProblem, retryAfterMs: null, dispute: null }),
  new ValidationError(open, { type: ProblemType.validation, title: 'Invalid', status: 422, errors: [{ path: '$.description', message: 'too short' }] }),
  new MalformedResponseError(open, 200, 'not-json'),
  new SchemaError(open, 201, [{ path: '$.status', message: 'expected "awaiting_seller" or …' }]),
];

describe('client errors', () => {
  it('are Errors and ClientErrors, recognised by isClientError', () => {
    for (const error of examples) {
      expect(error, error.name).to.be.instanceOf(Error).and.instanceOf(ClientError);
      expect(isClientError(error), error.name).to.equal(true);
    }
  });

  it('name the endpoint, method and URL in an English sentence', () => {
    for (const error of examples) {
      expect(error.message, error.name).to.match(/^openDispute \(POST https:\/\/backend\.test\/api\/orders\/o-1\/dispute\) .+\.$/);
    }
  });

  it('say what happened', () => {
    expect(examples.map((error) => error.message.replace(/^openDispute \(POST \S+\) /, ''))).to.deep.equal([
      'could not reach the backend: Failed to fetch.',
      'got no answer within 15000 ms.',
      'was cancelled.',
      'failed with HTTP 503.',
      'was refused with HTTP 401 even with a fresh token: Unauthorized (The token has expired).',
      'has no token: getToken failed for order "o-1": signed out.',
      'conflicts with the current state of the dispute (HTTP 409, The order already has a dispute).',
      'was refused as invalid (HTTP 422, Invalid): $.description: too short.',
      'answered HTTP 200 with a body that is not JSON.',
      'answered with a body that does not match the contract: $.status expected "awaiting_seller" or ….',
    ]);
  });

  it('carry the problem type as their code, else their kind, so that failureOf keeps it', () => {
    expect(examples.map((error) => error.code)).to.deep.equal([
      'network',
      'timeout',
      'aborted',
      'http',
      ProblemType.unauthorized,
      'unauthorized',
      ProblemType.disputeExists,
      ProblemType.validation,
      'malformed',
      'schema',
    ]);
  });

  it('have one kind each, the discriminant of the union', () => {
    expect(new Set(examples.map((error) => error.kind))).to.have.property('size', 9);
  });

  it('list at most three faults in the message', () => {
    const faults = ['$.a', '$.b', '$.c', '$.d', '$.e'].map((path) => ({ path, message: 'missing' }));
    expect(new SchemaError(open, 200, faults).message).to.match(/\$\.c missing; and 2 more\.$/);
  });

  it('never show a pre-signed URL\'s signature: the upload names the URL without its query', () => {
    const upload = new NetworkError({ operation: 'uploadTarget', method: 'PUT', url: 'https://uploads.test/bucket/photo-1' }, null);
    expect(upload.message).to.equal('The photo upload (PUT https://uploads.test/bucket/photo-1) could not reach the backend.');
  });

  it('isClientError refuses look-alikes', () => {
    for (const value of [new Error('x'), { kind: 'network', code: 'network', message: 'x' }, null, undefined, 'network']) {
      expect(isClientError(value)).to.equal(false);
    }
  });
});
