import type { ExposureStore, StoredExposure } from '../exposure-store';

/** Exposures in memory, stored as JSON like the Redis store, so a caller never shares one. */
export function createMemoryExposureStore(): ExposureStore {
  const byEnvironment = new Map<string, string>();
  return {
    async put(exposure) {
      byEnvironment.set(exposure.environment, JSON.stringify(exposure));
    },
    async get(environment) {
      const json = byEnvironment.get(environment);
      return json === undefined ? undefined : (JSON.parse(json) as StoredExposure);
    },
  };
}
