import type { EnvironmentConfig } from '../config/config';
import { planBackupInterval, type BackupInterval } from '../core/schedule-planner';
import type { ObservedDurations } from '../store/observed-durations';

/** The environment's backup interval from its RPO target and the durations observed so far. */
export async function planEnvironmentInterval(
  env: EnvironmentConfig,
  durations: ObservedDurations,
  floorMs?: number,
): Promise<BackupInterval> {
  return planBackupInterval({
    rpoTargetMs: env.rpoMs,
    observedDurationsMs: await durations.list(env.name),
    ...(floorMs !== undefined ? { floorMs } : {}),
  });
}
