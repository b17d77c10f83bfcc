import type { Queue } from 'bullmq';
import type { BackupRuns } from '../ports/backup-runs';
import { BACKUP_JOB_NAME, BACKUP_JOB_OPTIONS } from './backup-job-options';
import type { BackupJobData } from './queue-names';
import { parseRunId } from './run-id';

/** Job states in which a job will still run (again). */
const LIVE_STATES: readonly string[] = [
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
];

/** BackupRuns on the backups queue, beside the scheduled ticks (see createBackupSchedules). */
export function createBackupRuns(queue: Queue<BackupJobData>): BackupRuns {
  return {
    async enqueue(request) {
      const data: BackupJobData = {
        environment: request.environment,
        trigger: request.trigger,
        ...(request.requestedBy !== undefined ? { requestedBy: request.requestedBy } : {}),
      };
      const job = await queue.add(BACKUP_JOB_NAME, data, BACKUP_JOB_OPTIONS);
      return { jobId: job.id ?? '' };
    },
    async isAlive(runId) {
      const parsed = parseRunId(runId);
      if (!parsed) return false;
      const job = await queue.getJob(parsed.jobId);
      if (!job || job.timestamp !== parsed.jobTimestampMs) return false;
      return LIVE_STATES.includes(await job.getState());
    },
  };
}
