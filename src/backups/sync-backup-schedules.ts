import type { LifeboatDeps } from '../lifeboat-deps';
import { SCHEDULER_PREFIX } from './backup-keys';
import type { ObservedDurations } from '../store/observed-durations';
import { upsertBackupSchedule, type ScheduleChange } from './upsert-backup-schedule';

/**
 * Makes the backup schedulers match the configuration: one per environment at its planned
 * interval; schedulers of environments no longer configured are removed.
 */
export async function syncBackupSchedules(
  deps: LifeboatDeps,
  durations: ObservedDurations,
  floorMs?: number,
): Promise<{ changes: ScheduleChange[]; removed: string[] }> {
  const changes: ScheduleChange[] = [];
  for (const env of Object.values(deps.config.environments)) {
    changes.push(await upsertBackupSchedule(deps, env, durations, floorMs));
  }
  const removed: string[] = [];
  const queue = deps.queues.backups;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.id ?? scheduler.key;
    if (!id.startsWith(SCHEDULER_PREFIX)) continue;
    const environment = id.slice(SCHEDULER_PREFIX.length);
    if (deps.config.environments[environment]) continue;
    await queue.removeJobScheduler(id);
    removed.push(environment);
    deps.logger.info({ environment }, 'backup schedule removed: environment no longer configured');
  }
  return { changes, removed };
}
