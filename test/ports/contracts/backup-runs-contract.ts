import type { BackupRunRequest, BackupRuns } from '../../../src/ports/backup-runs';
import { parseRunId, runIdFor } from '../../../src/queue/run-id';

export interface BackupRunsWorld {
  runs: BackupRuns;
  /** What the runs queued and not yet taken were asked to do, oldest first. */
  queued(): Promise<BackupRunRequest[]>;
  /** The run id a worker derives for the run of this job. */
  runIdOf(jobId: string): Promise<string>;
  /** The job, the only one queued, ends so as a worker ends it, or vanishes (`discarded`). */
  end(jobId: string, how: 'completed' | 'failed' | 'discarded'): Promise<void>;
  close(): Promise<void>;
}

export function describeBackupRunsContract(
  name: string,
  world: () => Promise<BackupRunsWorld>,
): void {
  describe(`BackupRuns contract: ${name}`, () => {
    let w: BackupRunsWorld;
    beforeEach(async () => {
      w = await world();
    });
    afterEach(() => w.close());

    it('queues one run per call, as asked', async () => {
      const manual = {
        environment: 'shop-prod',
        trigger: 'manual',
        requestedBy: 'U0ALICE',
      } as const;
      const catchUp = { environment: 'shop-prod', trigger: 'schedule' } as const;
      const first = await w.runs.enqueue(manual);
      const second = await w.runs.enqueue(catchUp);
      expect(first.jobId).not.toBe('');
      expect(second.jobId).not.toBe(first.jobId);
      expect(await w.queued()).toEqual([manual, catchUp]);
    });

    it.each(['completed', 'failed', 'discarded'] as const)(
      'says a run is alive while its job is queued, and not once it is %s',
      async (how) => {
        const { jobId } = await w.runs.enqueue({ environment: 'shop-prod', trigger: 'schedule' });
        const runId = await w.runIdOf(jobId);
        expect(await w.runs.isAlive(runId)).toBe(true);
        await w.end(jobId, how);
        expect(await w.runs.isAlive(runId)).toBe(false);
      },
    );

    it('says no for an id that names no run, or an earlier job of the same id', async () => {
      const { jobId } = await w.runs.enqueue({ environment: 'shop-prod', trigger: 'schedule' });
      const parsed = parseRunId(await w.runIdOf(jobId));
      expect(parsed).toBeDefined();
      expect(await w.runs.isAlive(runIdFor(jobId, (parsed?.jobTimestampMs ?? 0) - 1))).toBe(false);
      expect(await w.runs.isAlive(runIdFor('job-never-queued', 1))).toBe(false);
      expect(await w.runs.isAlive('not a run id')).toBe(false);
    });
  });
}
