import type { Redis } from 'ioredis';
import type { BackupKeys } from './backup-keys';

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

/** Last job outcome per resource and environment (a Redis hash per environment). */
export interface JobOutcomes {
  record(environment: string, resourceArn: string, outcome: JobOutcome): Promise<void>;
  all(environment: string): Promise<Record<string, JobOutcome>>;
}

export function createJobOutcomes(redis: Redis, keys: BackupKeys): JobOutcomes {
  return {
    async record(environment, resourceArn, outcome) {
      await redis.hset(keys.outcomes(environment), resourceArn, JSON.stringify(outcome));
    },
    async all(environment) {
      const raw = await redis.hgetall(keys.outcomes(environment));
      return Object.fromEntries(
        Object.entries(raw).map(([arn, json]) => [arn, JSON.parse(json) as JobOutcome]),
      );
    },
  };
}
