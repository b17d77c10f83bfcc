/**
 * Options of every backup run's job, scheduled or queued at once. Errors outside AWS jobs (Redis,
 * a crash) are retried; AWS job failures are handled in the run. Jobs are kept for inspection a
 * while, then dropped so Redis stays small.
 */
export const BACKUP_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 500 },
} as const;

/** The name of backup runs' jobs on QueueName.Backups. */
export const BACKUP_JOB_NAME = 'backup' as const;
