import type { Clock } from '../../clock';
import type { BackupRunRequest, BackupRuns } from '../../ports/backup-runs';
import { parseRunId, runIdFor } from '../run-id';

export interface MemoryBackupRun {
  jobId: string;
  /** The run's id, as the worker derives it from its job. */
  runId: string;
  request: BackupRunRequest;
  state: 'waiting' | 'active' | 'completed' | 'failed';
}

/** BackupRuns in memory, and what the backup workers would do to its runs. */
export interface MemoryBackupRuns extends BackupRuns {
  /** Every run queued and not discarded, oldest first. */
  runs(): readonly MemoryBackupRun[];
  /** The run's job ends so (`completed`, `failed`), or vanishes (`discarded`). */
  end(jobId: string, how: 'completed' | 'failed' | 'discarded'): void;
}

export function createMemoryBackupRuns(clock: Clock): MemoryBackupRuns {
  const runs: MemoryBackupRun[] = [];
  let next = 0;
  const find = (jobId: string) => runs.find((r) => r.jobId === jobId);
  return {
    async enqueue(request) {
      next += 1;
      const jobId = `backup-${next}`;
      runs.push({
        jobId,
        runId: runIdFor(jobId, clock.now().toMillis()),
        request: { ...request },
        state: 'waiting',
      });
      return { jobId };
    },
    async isAlive(runId) {
      if (!parseRunId(runId)) return false;
      const run = runs.find((r) => r.runId === runId);
      return run?.state === 'waiting' || run?.state === 'active';
    },
    runs: () => runs,
    end(jobId, how) {
      const run = find(jobId);
      if (!run) throw new Error(`no backup run job ${jobId}`);
      if (how === 'discarded') runs.splice(runs.indexOf(run), 1);
      else run.state = how;
    },
  };
}
