import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkedIdempotencyKey, idempotencyKey } from './idempotency-key.js';

/** Characters the contract allows in a key: `!` to `~`. */
const visible = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
/** Any other UTF-16 code unit: controls, the space, DEL, and everything beyond ASCII. */
const invisible = fc.oneof(fc.integer({ min: 0, max: 0x20 }), fc.integer({ min: 0x7f, max: 0xffff })).map((code) => String.fromCharCode(code));

describe('idempotency keys', () => {
  it('makes a new version 4 UUID when the caller gives none', () => {
    expect(checkedIdempotencyKey(undefined)).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotencyKey()).to.not.equal(idempotencyKey());
  });

  it('takes any key of 1 to 255 visible ASCII characters as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: visible, minLength: 1, maxLength: 255 }), (key) => {
        expect(checkedIdempotencyKey(key)).to.equal(key);
      }),
    );
  });

  it('refuses, with a TypeError naming the option, a key with any other character', () => {
    fc.assert(
      fc.property(fc.string({ unit: visible, maxLength: 120 }), invisible, fc.string({ unit: visible, maxLength: 120 }), (before, bad, after) => {
        expect(() => checkedIdempotencyKey(before + bad + after)).to.throw(TypeError, /^idempotencyKey must be visible ASCII characters.*at position \d+$/);
      }),
    );
  });

  it('refuses an empty key, a key above 255 characters, and what is no string', () => {
    expect(() => checkedIdempotencyKey('')).to.throw(TypeError, 'idempotencyKey must not be empty');
    expect(() => checkedIdempotencyKey('k'.repeat(256))).to.throw(TypeError, 'idempotencyKey must be at most 255 characters, got 256');
    expect(() => checkedIdempotencyKey(42 as unknown as string)).to.throw(TypeError, 'idempotencyKey must be a string, got number');
  });

  it('says where the first bad character is', () => {
    expect(() => checkedIdempotencyKey('order 1001')).to.throw(TypeError, 'got U+0020 at position 6');
  });
});
