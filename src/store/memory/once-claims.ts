import type { Clock } from '../../clock';
import type { OnceClaims } from '../once-claims';

/** Claims in memory; a claim's time is measured on the injected clock, so tests move past it. */
export function createMemoryOnceClaims(clock: Clock): OnceClaims {
  const claimedUntilMs = new Map<string, number>();
  return {
    async claim(name, forMs) {
      if (!Number.isInteger(forMs) || forMs < 1) {
        throw new RangeError(`a claim lasts a whole number of ms, at least 1; not ${forMs}`);
      }
      const nowMs = clock.now().toMillis();
      const until = claimedUntilMs.get(name);
      // As Redis expires a key: once the time is past it, not at it.
      if (until !== undefined && nowMs <= until) return false;
      claimedUntilMs.set(name, nowMs + forMs);
      return true;
    },
  };
}
