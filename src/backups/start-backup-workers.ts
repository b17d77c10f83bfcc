import { Worker } from 'bullmq';
import { monitorRpo } from '../../jobs/monitor-rpo';
import { runBackup } from '../../jobs/run-backup';
import type { LifeboatDeps } from '../lifeboat-deps';
import { QueueName } from '../queue/queue-names';
import { MONITOR_SCHEDULER_ID } from './backup-keys';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from './backup-settings';
import { closeWithDeadline } from '../close-with-deadline';
import { syncBackupSchedules } from './sync-backup-schedules';

export interface BackupWorkerOptions extends Partial<BackupSettings> {
  /** How often the RPO monitor runs; default 60 s. */
  monitorEveryMs?: number;
  /** Backup jobs (environments) one worker process works on at once; default 8. */
  concurrency?: number;
  /** BullMQ's job lock: a dead worker's job is picked up after it expires; default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs; default 30 s. */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it fails; default 2 (a lost run is taken over on the next tick). */
  maxStalledCount?: number;
  /** How long `close()` waits for active jobs before closing by force; default 10 s. */
  closeTimeoutMs?: number;
}

export const DEFAULT_MONITOR_EVERY_MS = 60_000 as const;

/**
 * The backup side of a worker process: makes the schedulers match the configuration, then works
 * the `backups` and `monitor` queues. Any number of processes may call it against one Redis.
 */
export async function startBackupWorkers(
  deps: LifeboatDeps,
  options: BackupWorkerOptions = {},
): Promise<{ reschedule(): Promise<void>; close(): Promise<void> }> {
  const settings: BackupSettings = {
    resourceConcurrency: options.resourceConcurrency ?? DEFAULT_BACKUP_SETTINGS.resourceConcurrency,
    maxAttempts: options.maxAttempts ?? DEFAULT_BACKUP_SETTINGS.maxAttempts,
    maxErrorStreak: options.maxErrorStreak ?? DEFAULT_BACKUP_SETTINGS.maxErrorStreak,
    maxBackoffMs: options.maxBackoffMs ?? DEFAULT_BACKUP_SETTINGS.maxBackoffMs,
    ...(options.maxRunMs !== undefined ? { maxRunMs: options.maxRunMs } : {}),
    ...(options.floorMs !== undefined ? { floorMs: options.floorMs } : {}),
  };
  const durations = deps.backupDurations;
  await syncBackupSchedules(deps, durations, settings.floorMs);
  const monitorEveryMs = options.monitorEveryMs ?? DEFAULT_MONITOR_EVERY_MS;
  const monitorScheduler = await deps.queues.monitor.getJobScheduler(MONITOR_SCHEDULER_ID);
  if (monitorScheduler?.every !== monitorEveryMs) {
    await deps.queues.monitor.upsertJobScheduler(
      MONITOR_SCHEDULER_ID,
      { every: monitorEveryMs },
      {
        name: 'monitor',
        data: {},
        opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
      },
    );
  }

  const common = {
    prefix: deps.prefix,
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs !== undefined
      ? { stalledInterval: options.stalledIntervalMs }
      : {}),
    maxStalledCount: options.maxStalledCount ?? 2,
  };
  const backupsConnection = deps.redis.duplicate();
  const monitorConnection = deps.redis.duplicate();
  const workers = [
    new Worker(QueueName.Backups, runBackup(deps, settings), {
      ...common,
      connection: backupsConnection,
      concurrency: options.concurrency ?? 8,
    }),
    new Worker(
      QueueName.Monitor,
      monitorRpo(deps, settings.floorMs !== undefined ? { floorMs: settings.floorMs } : {}),
      { ...common, connection: monitorConnection, concurrency: 1 },
    ),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      deps.logger.error({ queue: worker.name, jobId: job?.id, err: error }, 'job failed'),
    );
    worker.on('error', deps.queueErrors(`worker ${worker.name}`));
  }
  deps.logger.info({ prefix: deps.prefix, monitorEveryMs }, 'backup workers started');

  return {
    async reschedule() {
      await syncBackupSchedules(deps, durations, settings.floorMs);
    },
    async close() {
      const disconnect = () => {
        backupsConnection.disconnect();
        monitorConnection.disconnect();
      };
      const inTime = await closeWithDeadline(
        () => Promise.all(workers.map((w) => w.close())),
        options.closeTimeoutMs ?? 10_000,
        disconnect,
      );
      if (inTime) disconnect();
      else deps.logger.warn('backup workers closed by force after the deadline');
    },
  };
}
