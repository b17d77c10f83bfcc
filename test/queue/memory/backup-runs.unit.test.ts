import { fakeClock } from '../../../src/clock';
import { createMemoryBackupRuns } from '../../../src/queue/memory/backup-runs';
import { describeBackupRunsContract } from '../../ports/contracts/backup-runs-contract';

describeBackupRunsContract('in memory', async () => {
  const runs = createMemoryBackupRuns(fakeClock('2026-03-01T12:00:00Z'));
  const runOf = (jobId: string) => {
    const run = runs.runs().find((r) => r.jobId === jobId);
    if (!run) throw new Error(`no run of job ${jobId}`);
    return run;
  };
  return {
    runs,
    queued: async () =>
      runs
        .runs()
        .filter((r) => r.state === 'waiting')
        .map((r) => r.request),
    runIdOf: async (jobId) => runOf(jobId).runId,
    end: async (jobId, how) => runs.end(jobId, how),
    close: async () => undefined,
  };
});
