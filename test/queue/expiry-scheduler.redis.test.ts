import { fakeClock } from '../../src/clock';
import { createExpiryScheduler } from '../../src/queue/expiry-scheduler';
import { describeExpirySchedulerContract } from '../ports/contracts/expiry-scheduler-contract';
import { testRedis } from '../support/redis-prefix';
import { openTestQueues } from './support/test-queues';

const redis = testRedis();
afterAll(() => redis.disconnect());

describeExpirySchedulerContract('BullMQ', async () => {
  const t = openTestQueues(redis, 'q-expiry');
  const queue = t.queues.expiry;
  const clock = fakeClock('2026-03-01T12:00:00Z');
  return {
    expiries: createExpiryScheduler(queue, clock),
    clock,
    async pending() {
      // A job's delay runs from when it was added; the clock has not moved since.
      const jobs = await queue.getJobs(['delayed', 'waiting']);
      const nowMs = clock.now().toMillis();
      return new Map(jobs.map((job) => [job.data.operationId, nowMs + job.delay]));
    },
    close: t.close,
  };
});
