import { DelayedError, UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { BackupSettings } from '../src/backups/backup-settings';
import type { BackupRunSummary } from '../src/backups/finish-backup-run';
import { processBackupRun, type BackupRunJobData } from '../src/backups/process-backup-run';
import { runIdFor } from '../src/queue/run-id';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { toJobError } from '../src/queue/to-job-error';

export type RunBackupResult = BackupRunSummary | { outcome: 'skipped'; reason: string };

/**
 * The `backups` queue's processor: one activation of a run, then back to the delayed set until
 * the next poll (the process-step-jobs pattern); the run's progress travels in the job's data.
 */
export function runBackup(
  deps: LifeboatDeps,
  settings: BackupSettings,
): Processor<BackupRunJobData, RunBackupResult> {
  return async (job: Job<BackupRunJobData, RunBackupResult>, token?: string) => {
    const data = parseData(job.data);
    try {
      const result = await processBackupRun(deps, {
        runId: runIdFor(job.id ?? '', job.timestamp),
        tickId: job.id ?? '',
        data,
        settings,
      });
      if (result.kind === 'skipped') return { outcome: 'skipped', reason: result.reason };
      if (result.kind === 'finished') return result.summary;
      await job.updateData({ ...data, run: result.run });
      await job.moveToDelayed(deps.clock.now().toMillis() + result.delayMs, token);
      throw new DelayedError();
    } catch (error) {
      throw toJobError(error);
    }
  };
}

function parseData(data: BackupRunJobData): BackupRunJobData {
  if (typeof data?.environment !== 'string' || data.environment === '') {
    throw new UnrecoverableError('backup job without an environment');
  }
  const trigger = data.trigger === 'manual' ? 'manual' : 'schedule';
  return { ...data, trigger };
}
