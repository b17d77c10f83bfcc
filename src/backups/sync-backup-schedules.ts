import type { LifeboatDeps } from '../lifeboat-deps';
import type { ObservedDurations } from '../store/observed-durations';
import { upsertBackupSchedule, type ScheduleChange } from './upsert-backup-schedule';

/**
 * Makes the backup schedulers match the configuration: one per environment at its planned
 * interval; schedulers of environments no longer configured are removed.
 */
export async function syncBackupSchedules(
  deps: Pick<LifeboatDeps, 'config' | 'backupSchedules' | 'logger'>,
  durations: ObservedDurations,
  floorMs?: number,
): Promise<{ changes: ScheduleChange[]; removed: string[] }> {
  const { environments } = deps.config.current();
  const changes: ScheduleChange[] = [];
  for (const env of Object.values(environments)) {
    changes.push(await upsertBackupSchedule(deps, env, durations, floorMs));
  }
  const removed: string[] = [];
  for (const environment of await deps.backupSchedules.environments()) {
    if (Object.hasOwn(environments, environment)) continue;
    await deps.backupSchedules.remove(environment);
    removed.push(environment);
    deps.logger.info({ environment }, 'backup schedule removed: environment no longer configured');
  }
  return { changes, removed };
}
