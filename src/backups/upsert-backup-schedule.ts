import type { EnvironmentConfig } from '../config/config';
import type { BackupInterval } from '../core/schedule-planner';
import type { LifeboatDeps } from '../lifeboat-deps';
import { backupSchedulerId } from './backup-keys';
import type { ObservedDurations } from '../store/observed-durations';
import { planEnvironmentInterval } from './plan-environment-interval';

export interface ScheduleChange {
  environment: string;
  change: 'created' | 'updated' | 'unchanged';
  interval: BackupInterval;
  /** When the next tick fires (epoch ms), as BullMQ has it. */
  nextMs?: number;
}

/** Scheduled jobs are kept for inspection a while, then dropped so Redis stays small. */
export const SCHEDULED_JOB_OPTIONS = {
  /** Errors outside AWS jobs (Redis, a crash) are retried; AWS job failures are handled in the run. */
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 500 },
} as const;

/**
 * Puts the environment's Job Scheduler at the planned interval. A scheduler already at that
 * interval is left alone (any number of workers may call this on start). When the interval
 * changes, the next tick comes one new interval after the last tick (now, if that has passed)
 * rather than at once, as BullMQ would otherwise do; a new environment is backed up at once.
 */
export async function upsertBackupSchedule(
  deps: LifeboatDeps,
  env: EnvironmentConfig,
  durations: ObservedDurations,
  floorMs?: number,
): Promise<ScheduleChange> {
  const interval = await planEnvironmentInterval(env, durations, floorMs);
  const queue = deps.queues.backups;
  const id = backupSchedulerId(env.name);
  const existing = await queue.getJobScheduler(id);
  if (existing?.every === interval.intervalMs) {
    return {
      environment: env.name,
      change: 'unchanged',
      interval,
      ...(existing.next !== undefined ? { nextMs: existing.next } : {}),
    };
  }
  const nowMs = deps.clock.now().toMillis();
  const startDate =
    existing?.every !== undefined && existing.next !== undefined
      ? Math.max(nowMs, existing.next - existing.every + interval.intervalMs)
      : undefined;
  const job = await queue.upsertJobScheduler(
    id,
    { every: interval.intervalMs, ...(startDate !== undefined ? { startDate } : {}) },
    {
      name: 'backup',
      data: { environment: env.name, trigger: 'schedule' },
      opts: SCHEDULED_JOB_OPTIONS,
    },
  );
  deps.logger.info(
    { environment: env.name, intervalMs: interval.intervalMs, reason: interval.reason },
    existing ? 'backup schedule updated' : 'backup schedule created',
  );
  const nextMs = job.timestamp + (job.delay ?? 0);
  return { environment: env.name, change: existing ? 'updated' : 'created', interval, nextMs };
}
