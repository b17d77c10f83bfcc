import type { Queue } from 'bullmq';
import type { Clock } from '../clock';
import type { BackupSchedules } from '../ports/backup-schedules';
import { BACKUP_JOB_NAME, BACKUP_JOB_OPTIONS } from './backup-job-options';
import type { BackupJobData } from './queue-names';
import { BACKUP_SCHEDULER_PREFIX, backupSchedulerId } from './scheduler-ids';

/**
 * BackupSchedules as BullMQ Job Schedulers on the backups queue (one per environment, see
 * backupSchedulerId). BullMQ would tick a changed scheduler at once: a `startDate` one new
 * interval after the last tick (by `clock`, never before now) keeps the rhythm instead.
 */
export function createBackupSchedules(queue: Queue<BackupJobData>, clock: Clock): BackupSchedules {
  return {
    async put(environment, everyMs) {
      const id = backupSchedulerId(environment);
      const existing = await queue.getJobScheduler(id);
      if (existing?.every === everyMs) {
        return {
          change: 'unchanged',
          ...(existing.next !== undefined ? { nextMs: existing.next } : {}),
        };
      }
      const nowMs = clock.now().toMillis();
      const startDate =
        existing?.every !== undefined && existing.next !== undefined
          ? Math.max(nowMs, existing.next - existing.every + everyMs)
          : undefined;
      await queue.upsertJobScheduler(
        id,
        { every: everyMs, ...(startDate !== undefined ? { startDate } : {}) },
        {
          name: BACKUP_JOB_NAME,
          data: { environment, trigger: 'schedule' },
          opts: BACKUP_JOB_OPTIONS,
        },
      );
      // The scheduler's own next tick: the first job's timestamp + delay can differ from it by a
      // millisecond (each is taken from its own clock reading).
      const next = (await queue.getJobScheduler(id))?.next;
      return {
        change: existing ? 'updated' : 'created',
        ...(next !== undefined ? { nextMs: next } : {}),
      };
    },
    async get(environment) {
      const scheduler = await queue.getJobScheduler(backupSchedulerId(environment));
      if (scheduler?.every === undefined || scheduler.every === null) return undefined;
      return {
        environment,
        everyMs: scheduler.every,
        ...(scheduler.next !== undefined ? { nextMs: scheduler.next } : {}),
      };
    },
    async environments() {
      const environments: string[] = [];
      for (const scheduler of await queue.getJobSchedulers(0, -1)) {
        const id = scheduler.id ?? scheduler.key;
        if (id.startsWith(BACKUP_SCHEDULER_PREFIX)) {
          environments.push(id.slice(BACKUP_SCHEDULER_PREFIX.length));
        }
      }
      return environments;
    },
    async remove(environment) {
      await queue.removeJobScheduler(backupSchedulerId(environment));
    },
  };
}
