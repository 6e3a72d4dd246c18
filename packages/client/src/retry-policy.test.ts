import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, RETRYABLE_STATUSES, retryPolicy } from './retry-policy.js';

describe('retry policy', () => {
  describe('backoffDelay', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });

    it('doubles the ceiling with every failure and takes the random share of it', () => {
      expect([1, 2, 3, 4].map((failures) => backoffDelay(policy, failures, () => 0.5))).to.deep.equal([50, 100, 200, 400]);
    });

    it('never waits beyond maxDelayMs', () => {
      expect(backoffDelay(policy, 30, () => 0.999)).to.equal(999);
    });

    it('waits between zero and the ceiling for any jitter and any number of failures (full jitter)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, share) => {
          const delay = backoffDelay(policy, failures, () => share);
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
          expect(delay).to.be.at.least(0).and.at.most(ceiling);
          expect(Number.isInteger(delay)).to.equal(true);
        }),
      );
    });

    it('keeps a misbehaving random source inside the bounds', () => {
      expect(backoffDelay(policy, 1, () => -3)).to.equal(0);
      expect(backoffDelay(policy, 1, () => 7)).to.equal(100);
    });
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');

    it('reads delay-seconds as milliseconds', () => {
      expect(parseRetryAfter('120', now)).to.equal(120_000);
      expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    });

    it('reads an HTTP date as the time until then', () => {
      expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:30 GMT', now)).to.equal(30_000);
    });

    it('waits nothing for a date in the past', () => {
      expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).to.equal(0);
    });

    it('ignores an absent or unreadable header', () => {
      for (const value of [null, '', 'soon', '1.5', '-3', 'Thu, 99 Nov 2026 99:00:00 GMT']) {
        expect(parseRetryAfter(value, now), String(value)).to.equal(null);
      }
    });
  });

  describe('retryPolicy', () => {
    it('fills in the defaults', () => {
      expect(retryPolicy({ attempts: 2 })).to.deep.equal({ ...DEFAULT_RETRY_POLICY, attempts: 2 });
    });

    it('refuses fewer than one attempt, fractions and negative or infinite waits', () => {
      expect(() => retryPolicy({ attempts: 0 })).to.throw(RangeError, /attempts/);
      expect(() => retryPolicy({ attempts: 1.5 })).to.throw(RangeError, /attempts/);
      expect(() => retryPolicy({ baseDelayMs: -1 })).to.throw(RangeError, /baseDelayMs/);
      expect(() => retryPolicy({ maxRetryAfterMs: Number.POSITIVE_INFINITY })).to.throw(RangeError, /maxRetryAfterMs/);
    });
  });

  it('retries exactly 408, 429, 500, 502, 503 and 504', () => {
    expect([...RETRYABLE_STATUSES].sort()).to.deep.equal([408, 429, 500, 502, 503, 504]);
  });
});
