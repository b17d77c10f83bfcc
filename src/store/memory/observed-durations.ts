import { KEPT_DURATIONS, type ObservedDurations } from '../observed-durations';

/** Observed durations in memory, kept as text and capped like the Redis list. */
export function createMemoryObservedDurations(): ObservedDurations {
  const byEnvironment = new Map<string, string[]>();
  return {
    async record(environment, durationMs) {
      const kept = [...(byEnvironment.get(environment) ?? []), String(Math.round(durationMs))];
      byEnvironment.set(environment, kept.slice(-KEPT_DURATIONS));
    },
    async list(environment) {
      return (byEnvironment.get(environment) ?? []).map(Number).filter((n) => Number.isFinite(n));
    },
  };
}
