import { DateTime, Duration, type DurationLike } from 'luxon';
import { toIso } from './core/to-iso';

/** The one source of time. Every RPO/RTO computation asks a Clock, so tests control time. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

export interface FakeClock extends Clock {
  advance(by: DurationLike): void;
  set(to: DateTime | string): void;
}

/** A clock that moves only when told: a 24-hour RPO breach takes milliseconds to test. */
export function fakeClock(start: DateTime | string = '2026-01-01T00:00:00Z'): FakeClock {
  let current = typeof start === 'string' ? DateTime.fromISO(start, { zone: 'utc' }) : start;
  return {
    now: () => current,
    advance: (by) => {
      current = current.plus(Duration.fromDurationLike(by));
    },
    set: (to) => {
      current = typeof to === 'string' ? DateTime.fromISO(to, { zone: 'utc' }) : to;
    },
  };
}

/** The clock's now as the one timestamp format stored in Redis and jobs (see toIso). */
export function isoNow(clock: Clock): string {
  return toIso(clock.now());
}
