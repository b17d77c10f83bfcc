import { fakeClock, systemClock, type Clock, type FakeClock } from './clock';

/**
 * Wake-ups measured on a Clock. The system's sets a timeout for the time left on its clock; the
 * fake one fires only when a test advances it, earliest first, so pacing by the second or the
 * minute is tested in no time. Deliberately no interval: a repeating task arms its next wake-up
 * when it runs, so a slow run never overlaps the next one.
 */
export interface Timers {
  readonly clock: Clock;
  /**
   * Calls `fn` once the clock reads `atMs` (epoch milliseconds) or later; the function returned
   * cancels it. `unref`: the wait does not by itself keep the process alive.
   */
  at(atMs: number, fn: () => void, options?: { unref?: boolean }): () => void;
}

export function systemTimers(clock: Clock = systemClock): Timers {
  return {
    clock,
    at(atMs, fn, { unref = false } = {}) {
      const timer = setTimeout(fn, Math.max(0, atMs - clock.now().toMillis()));
      if (unref) timer.unref();
      return () => clearTimeout(timer);
    },
  };
}

export interface FakeTimers extends Timers {
  readonly clock: FakeClock;
  /**
   * Moves the clock on by `ms`, firing on the way every wake-up that falls due, earliest first,
   * with the clock at its time (one armed while firing fires too, if due by the end). `advance(0)`
   * fires what is overdue after the clock was set directly.
   */
  advance(ms: number): void;
  /** How many wake-ups are armed. */
  pending(): number;
}

/** Timers that a test drives: nothing fires until `advance`. */
export function fakeTimers(clock: FakeClock = fakeClock()): FakeTimers {
  interface Waiting {
    id: number;
    atMs: number;
    fn: () => void;
  }
  const waiting = new Map<number, Waiting>();
  let seq = 0;
  const nowMs = () => clock.now().toMillis();
  const moveTo = (atMs: number) => {
    if (atMs > nowMs()) clock.advance({ milliseconds: atMs - nowMs() });
  };

  return {
    clock,
    at(atMs, fn) {
      const id = ++seq;
      waiting.set(id, { id, atMs, fn });
      return () => {
        waiting.delete(id);
      };
    },
    advance(ms) {
      const untilMs = nowMs() + ms;
      for (;;) {
        let next: Waiting | undefined;
        for (const w of waiting.values()) {
          if (w.atMs <= untilMs && (!next || w.atMs < next.atMs)) next = w;
        }
        if (!next) break;
        waiting.delete(next.id);
        moveTo(next.atMs);
        next.fn();
      }
      moveTo(untilMs);
    },
    pending: () => waiting.size,
  };
}
