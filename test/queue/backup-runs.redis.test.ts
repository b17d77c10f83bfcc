import { BACKUP_JOB_OPTIONS } from '../../src/queue/backup-job-options';
import { createBackupRuns } from '../../src/queue/backup-runs';
import { QueueName } from '../../src/queue/queue-names';
import { runIdFor } from '../../src/queue/run-id';
import { describeBackupRunsContract } from '../ports/contracts/backup-runs-contract';
import { testRedis } from '../support/redis-prefix';
import { openTestQueues, type TestQueues } from './support/test-queues';

const redis = testRedis();
afterAll(() => redis.disconnect());

describeBackupRunsContract('BullMQ', async () => {
  const t = openTestQueues(redis, 'q-backup-runs');
  const queue = t.queues.backups;
  const hand = t.hand(QueueName.Backups);
  const jobOf = async (jobId: string) => {
    const job = await queue.getJob(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job;
  };
  return {
    runs: createBackupRuns(queue),
    async queued() {
      return (await queue.getJobs(['waiting'], 0, -1, true)).map((job) => job.data);
    },
    runIdOf: async (jobId) => runIdFor(jobId, (await jobOf(jobId)).timestamp),
    async end(jobId, how) {
      if (how === 'discarded') await (await jobOf(jobId)).remove();
      else await hand.end(jobId, how);
    },
    close: t.close,
  };
});

describe('BackupRuns on BullMQ', () => {
  let t: TestQueues;
  beforeEach(() => {
    t = openTestQueues(redis, 'q-backup-opts');
  });
  afterEach(() => t.close());

  it('queues a run with the options of a scheduled tick', async () => {
    const { jobId } = await createBackupRuns(t.queues.backups).enqueue({
      environment: 'shop-prod',
      trigger: 'manual',
      requestedBy: 'U0ALICE',
    });
    const job = await t.queues.backups.getJob(jobId);
    expect(job?.name).toBe('backup');
    expect(job?.opts).toMatchObject(BACKUP_JOB_OPTIONS);
  });
});
