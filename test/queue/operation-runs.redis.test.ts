import { createOperationRuns } from '../../src/queue/operation-runs';
import { QueueName } from '../../src/queue/queue-names';
import { describeOperationRunsContract } from '../ports/contracts/operation-runs-contract';
import { testRedis } from '../support/redis-prefix';
import { openTestQueues } from './support/test-queues';

const redis = testRedis();
afterAll(() => redis.disconnect());

describeOperationRunsContract('BullMQ', async () => {
  const t = openTestQueues(redis, 'q-runs');
  const queue = t.queues.operations;
  const hand = t.hand(QueueName.Operations);
  return {
    runs: createOperationRuns(queue, 50),
    async live() {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
      return jobs.map((job) => job.id ?? '').sort();
    },
    take: hand.take,
    end: hand.end,
    close: t.close,
  };
});
