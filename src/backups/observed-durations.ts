import type { Redis } from 'ioredis';
import type { BackupKeys } from './backup-keys';

/** How many observations are kept per environment (the planner looks at the latest 20). */
export const KEPT_DURATIONS = 50 as const;

/** Backup+copy durations per environment, in ms, oldest first: what the schedule planner learns from. */
export interface ObservedDurations {
  record(environment: string, durationMs: number): Promise<void>;
  list(environment: string): Promise<number[]>;
}

export function createObservedDurations(redis: Redis, keys: BackupKeys): ObservedDurations {
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
