/** A clock whose time moves only when told: `advance(ms)` or `set(time)`. */
export interface FakeClock {
  /** The current fake time, as a new `Date` each call. */
  (): Date;
  /** Moves the time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the time (an ISO 8601 string, a `Date` or epoch milliseconds); it may go backwards. */
  set(time: string | Date | number): void;
}

function millisOf(time: string | Date | number): number {
  const ms = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(time)}`);
  return ms;
}

/**
 * A clock for tests and demos, starting at `start`. Pass it as the backend's `clock` to make
 * deadlines lapse on demand.
 */
export function createFakeClock(start: string | Date | number): FakeClock {
  let now = millisOf(start);
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (ms: number) => {
    if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${ms}`);
    now += ms;
  };
  clock.set = (time) => {
    now = millisOf(time);
  };
  return clock;
}
