import { systemClock } from '../../src/clock';
import { BACKUP_JOB_OPTIONS } from '../../src/queue/backup-job-options';
import { createBackupSchedules } from '../../src/queue/backup-schedules';
import { backupSchedulerId } from '../../src/queue/scheduler-ids';
import { describeBackupSchedulesContract } from '../ports/contracts/backup-schedules-contract';
import { testRedis } from '../support/redis-prefix';
import { openTestQueues, type TestQueues } from './support/test-queues';

const redis = testRedis();
afterAll(() => redis.disconnect());

// BullMQ's schedulers keep their own (real) time: so does the clock here.
describeBackupSchedulesContract('BullMQ', async () => {
  const t = openTestQueues(redis, 'q-backup-schedules');
  return {
    schedules: createBackupSchedules(t.queues.backups, systemClock),
    clock: systemClock,
    close: t.close,
  };
});

describe('BackupSchedules on BullMQ', () => {
  let t: TestQueues;
  beforeEach(() => {
    t = openTestQueues(redis, 'q-backup-sched-opts');
  });
  afterEach(() => t.close());

  it('ticks scheduled runs of the environment, with the options of every backup run', async () => {
    await createBackupSchedules(t.queues.backups, systemClock).put('shop-prod', 3_600_000);
    const [tick] = await t.queues.backups.getJobs(['waiting', 'delayed']);
    expect(tick?.name).toBe('backup');
    expect(tick?.data).toEqual({ environment: 'shop-prod', trigger: 'schedule' });
    expect(tick?.opts).toMatchObject(BACKUP_JOB_OPTIONS);
    expect((await t.queues.backups.getJobScheduler(backupSchedulerId('shop-prod')))?.every).toBe(
      3_600_000,
    );
  });
});
