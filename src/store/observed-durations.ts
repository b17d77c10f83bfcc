import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';
import { backupKeys } from './backup-keys';

/** How many observations are kept per environment (the planner looks at the latest 20). */
export const KEPT_DURATIONS = 50 as const;

/**
 * Backup+copy durations per environment, in ms: what the schedule planner learns from.
 * Promises: `record` keeps a duration rounded to the ms; `list` returns them oldest first, at
 * most the latest KEPT_DURATIONS, empty for an environment never recorded. An entry that is not
 * a number (written by hand) is left out rather than failing the plan.
 * Not promised: when each was observed, or which run it came from.
 */
export interface ObservedDurations {
  record(environment: string, durationMs: number): Promise<void>;
  list(environment: string): Promise<number[]>;
}

/** A capped list per environment (RPUSH then LTRIM, in one MULTI). */
export function createObservedDurations(redis: Redis, redisKeys: RedisKeys): ObservedDurations {
  const keys = backupKeys(redisKeys);
  return {
    async record(environment, durationMs) {
      const key = keys.durations(environment);
      await redis
        .multi()
        .rpush(key, String(Math.round(durationMs)))
        .ltrim(key, -KEPT_DURATIONS, -1)
        .exec();
    },
    async list(environment) {
      const values = await redis.lrange(keys.durations(environment), 0, -1);
      return values.map(Number).filter((n) => Number.isFinite(n));
    },
  };
}
