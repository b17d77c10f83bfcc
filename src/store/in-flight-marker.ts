import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';
import { backupKeys } from './backup-keys';

const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One backup run per environment at a time. The marker holds the owning run's id and has no TTL:
 * a run outlives any worker, and the job that resumes it owns it still. Promises:
 * - `claim` succeeds for one run only (SET NX); a run that already owns it claims it again;
 * - `takeOver` and `release` act only when the named run holds it (compare-and-set).
 * Not promised: that the holder is alive (the caller asks the queue), or any expiry.
 */
export interface InFlightMarker {
  claim(
    environment: string,
    runId: string,
  ): Promise<{ owned: true } | { owned: false; holder: string }>;
  takeOver(environment: string, staleRunId: string, runId: string): Promise<boolean>;
  release(environment: string, runId: string): Promise<boolean>;
  holder(environment: string): Promise<string | undefined>;
}

export function createInFlightMarker(redis: Redis, redisKeys: RedisKeys): InFlightMarker {
  const keys = backupKeys(redisKeys);
  return {
    async claim(environment, runId) {
      const key = keys.inFlight(environment);
      for (;;) {
        if ((await redis.set(key, runId, 'NX')) === 'OK') return { owned: true };
        const holder = await redis.get(key);
        if (holder === runId) return { owned: true };
        if (holder !== null) return { owned: false, holder };
      }
    },
    async takeOver(environment, staleRunId, runId) {
      return (await redis.eval(TAKE_OVER, 1, keys.inFlight(environment), staleRunId, runId)) === 1;
    },
    async release(environment, runId) {
      return (await redis.eval(RELEASE, 1, keys.inFlight(environment), runId)) === 1;
    },
    async holder(environment) {
      return (await redis.get(keys.inFlight(environment))) ?? undefined;
    },
  };
}
