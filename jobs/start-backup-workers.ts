import { Worker } from 'bullmq';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../src/backups/backup-settings';
import { syncBackupSchedules } from '../src/backups/sync-backup-schedules';
import { closeWithDeadline } from '../src/close-with-deadline';
import type { Infra } from '../src/create-infra';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { QueueName } from '../src/queue/queue-names';
import { MONITOR_SCHEDULER_ID } from '../src/queue/scheduler-ids';
import { monitorRpo } from './monitor-rpo';
import { runBackup } from './run-backup';
import {
  DEFAULT_MONITOR_EVERY_MS,
  type BackupWorkerOptions,
  type RunningWorkers,
} from './worker-options';

/**
 * The backup side: makes the backup schedules match the configuration, then works the `backups`
 * and `monitor` queues, the monitor on a Job Scheduler of its own. Started by `jobs/index.ts`.
 */
export async function startBackupWorkers(
  deps: LifeboatDeps,
  infra: Infra,
  options: BackupWorkerOptions,
): Promise<RunningWorkers> {
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
  const monitorScheduler = await infra.queues.monitor.getJobScheduler(MONITOR_SCHEDULER_ID);
  if (monitorScheduler?.every !== monitorEveryMs) {
    await infra.queues.monitor.upsertJobScheduler(
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
    prefix: infra.prefix,
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs !== undefined
      ? { stalledInterval: options.stalledIntervalMs }
      : {}),
    maxStalledCount: options.maxStalledCount ?? 2,
  };
  const backupsConnection = infra.redis.duplicate();
  const monitorConnection = infra.redis.duplicate();
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
    worker.on('error', infra.queueErrors(`worker ${worker.name}`));
  }
  deps.logger.info({ prefix: infra.prefix, monitorEveryMs }, 'backup workers started');

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
