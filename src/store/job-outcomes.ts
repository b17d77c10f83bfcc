import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redis/redis-keys';
import { backupKeys } from './backup-keys';
import { parseStoredJson } from './parse-stored-record';

/** The end of the latest backup or copy job of one resource: what an RPO alert explains itself with. */
export interface JobOutcome {
  kind: 'backup' | 'copy';
  /** AWS's terminal state, or `GAVE_UP` when the run stopped waiting, `CALL_FAILED` when AWS refused a call. */
  state: string;
  message?: string;
  jobId?: string;
  region: string;
  runId: string;
  at: string;
}

/**
 * The last job outcome per environment and resource. Promises: `record` replaces the resource's
 * previous outcome (the last write wins); `all` returns the environment's outcomes by configured
 * resource ARN, empty for an environment never recorded. Not promised: a history of outcomes,
 * or any order between two records of one resource written at once.
 */
export interface JobOutcomes {
  record(environment: string, resourceArn: string, outcome: JobOutcome): Promise<void>;
  all(environment: string): Promise<Record<string, JobOutcome>>;
}

const jobOutcomeSchema: z.ZodType<JobOutcome> = z.looseObject({
  kind: z.enum(['backup', 'copy']),
  state: z.string(),
  message: z.string().optional(),
  jobId: z.string().optional(),
  region: z.string(),
  runId: z.string(),
  at: z.string(),
});

/** A hash per environment: configured resource ARN → the outcome's JSON. */
export function createJobOutcomes(redis: Redis, redisKeys: RedisKeys): JobOutcomes {
  const keys = backupKeys(redisKeys);
  return {
    async record(environment, resourceArn, outcome) {
      await redis.hset(keys.outcomes(environment), resourceArn, JSON.stringify(outcome));
    },
    async all(environment) {
      const key = keys.outcomes(environment);
      const raw = await redis.hgetall(key);
      return Object.fromEntries(
        Object.entries(raw).map(([arn, json]) => [
          arn,
          parseStoredJson(jobOutcomeSchema, json, { key, field: arn }),
        ]),
      );
    },
  };
}
