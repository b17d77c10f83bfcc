import type { InFlightMarker } from '../in-flight-marker';

/** The in-flight markers in memory, for tests that are not about Redis. */
export function createMemoryInFlightMarker(): InFlightMarker {
  const holders = new Map<string, string>();
  return {
    async claim(environment, runId) {
      const holder = holders.get(environment);
      if (holder === undefined) holders.set(environment, runId);
      return holder === undefined || holder === runId ? { owned: true } : { owned: false, holder };
    },
    async takeOver(environment, staleRunId, runId) {
      if (holders.get(environment) !== staleRunId) return false;
      holders.set(environment, runId);
      return true;
    },
    async release(environment, runId) {
      if (holders.get(environment) !== runId) return false;
      holders.delete(environment);
      return true;
    },
    async holder(environment) {
      return holders.get(environment);
    },
  };
}
