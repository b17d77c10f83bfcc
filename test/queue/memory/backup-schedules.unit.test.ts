import { fakeClock } from '../../../src/clock';
import { createMemoryBackupSchedules } from '../../../src/queue/memory/backup-schedules';
import { describeBackupSchedulesContract } from '../../ports/contracts/backup-schedules-contract';

describeBackupSchedulesContract('in memory', async () => {
  const clock = fakeClock('2026-03-01T12:00:00Z');
  return { schedules: createMemoryBackupSchedules(clock), clock, close: async () => undefined };
});
