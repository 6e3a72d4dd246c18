import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { failureOf, GENERIC_FAILURE_MESSAGE } from './failure.js';

class ProblemError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

describe('failureOf', () => {
  const rows: [string, unknown, ReturnType<typeof failureOf>][] = [
    ['an Error: its message', new Error('offline'), { message: 'offline' }],
    ['an Error with a string code: both', new ProblemError('Too many requests', 'urn:amicable:problem:rate-limited'), {
      message: 'Too many requests',
      code: 'urn:amicable:problem:rate-limited',
    }],
    ['an Error with a numeric code (a DOMException): the message only', new DOMException('The operation was aborted.', 'AbortError'), {
      message: 'The operation was aborted.',
    }],
    ['an Error without a message: the generic message', new Error(), { message: GENERIC_FAILURE_MESSAGE }],
    ['a string: itself', 'connection reset', { message: 'connection reset' }],
    ['an empty string: the generic message', '', { message: GENERIC_FAILURE_MESSAGE }],
    ['a plain object with a message and a code', { message: 'Conflict', code: 'conflict' }, { message: 'Conflict', code: 'conflict' }],
    ['a plain object with a code only: the generic message and the code', { code: 'network' }, { message: GENERIC_FAILURE_MESSAGE, code: 'network' }],
    ['a plain object whose message is not text', { message: 42 }, { message: GENERIC_FAILURE_MESSAGE }],
    ['a problem body (title, status): the generic message', { title: 'Bad request', status: 400 }, { message: GENERIC_FAILURE_MESSAGE }],
    ['undefined', undefined, { message: GENERIC_FAILURE_MESSAGE }],
    ['null', null, { message: GENERIC_FAILURE_MESSAGE }],
    ['a number', 503, { message: GENERIC_FAILURE_MESSAGE }],
  ];
  for (const [title, error, expected] of rows) {
    it(`keeps ${title}`, () => {
      expect(failureOf(error)).to.deep.equal(expected);
    });
  }

  it('survives an object whose members throw when read', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no access'); } });
    expect(failureOf(hostile)).to.deep.equal({ message: GENERIC_FAILURE_MESSAGE });
  });

  it('gives plain JSON with a non-empty message for anything thrown', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), (error) => {
        const failure = failureOf(error);
        expect(failure.message).to.be.a('string').and.not.equal('');
        expect(JSON.parse(JSON.stringify(failure))).to.deep.equal(failure);
      }),
    );
  });
});
