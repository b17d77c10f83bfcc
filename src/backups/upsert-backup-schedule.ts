import type { EnvironmentConfig } from '../config/config';
import type { BackupInterval } from '../core/schedule-planner';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { ObservedDurations } from '../store/observed-durations';
import { planEnvironmentInterval } from './plan-environment-interval';

export interface ScheduleChange {
  environment: string;
  change: 'created' | 'updated' | 'unchanged';
  interval: BackupInterval;
  /** When the next tick fires (epoch ms), as the scheduler has it. */
  nextMs?: number;
}

/**
 * Puts the environment's backup schedule at the planned interval. A schedule already at that
 * interval is left alone (any number of workers may call this on start). When the interval
 * changes, the next tick comes one new interval after the last tick (now, if that has passed)
 * rather than at once; a new environment is backed up at once (see BackupSchedules).
 */
export async function upsertBackupSchedule(
  deps: Pick<LifeboatDeps, 'backupSchedules' | 'logger'>,
  env: EnvironmentConfig,
  durations: ObservedDurations,
  floorMs?: number,
): Promise<ScheduleChange> {
  const interval = await planEnvironmentInterval(env, durations, floorMs);
  const put = await deps.backupSchedules.put(env.name, interval.intervalMs);
  if (put.change !== 'unchanged') {
    deps.logger.info(
      { environment: env.name, intervalMs: interval.intervalMs, reason: interval.reason },
      `backup schedule ${put.change}`,
    );
  }
  return {
    environment: env.name,
    change: put.change,
    interval,
    ...(put.nextMs !== undefined ? { nextMs: put.nextMs } : {}),
  };
}
