import { expect } from '@open-wc/testing';
import { createFakeClock } from './fake-clock.js';

describe('fake clock', function () {
  it('stands still until advanced or set, forwards and backwards', function () {
    const clock = createFakeClock('2026-11-26T09:00:00Z');
    expect(clock().toISOString()).to.equal('2026-11-26T09:00:00.000Z');
    expect(clock().toISOString()).to.equal('2026-11-26T09:00:00.000Z');
    clock.advance(90_000);
    expect(clock().toISOString()).to.equal('2026-11-26T09:01:30.000Z');
    clock.set(new Date('2026-12-01T00:00:00Z'));
    expect(clock().toISOString()).to.equal('2026-12-01T00:00:00.000Z');
    clock.set('2026-01-01T00:00:00+01:00');
    expect(clock().toISOString()).to.equal('2025-12-31T23:00:00.000Z');
    clock.advance(-1);
    expect(clock().getTime()).to.equal(Date.parse('2025-12-31T22:59:59.999Z'));
  });

  it('hands out a new Date each time, so a caller cannot move it', function () {
    const clock = createFakeClock(0);
    clock().setFullYear(1999);
    expect(clock().getTime()).to.equal(0);
  });

  it('refuses what is not a time', function () {
    expect(() => createFakeClock('yesterday')).to.throw(RangeError);
    const clock = createFakeClock(0);
    expect(() => clock.set('soon')).to.throw(RangeError);
    expect(() => clock.advance(Number.NaN)).to.throw(RangeError);
  });
});
