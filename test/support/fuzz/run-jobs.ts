import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '../../../src/queue/queue-names';

export interface RunJobs {
  /** The operation ids that have a run job queued, waiting or running. */
  operationIds(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The operations queue read from the outside, on a connection of its own, so a check of "no
 * operation runs without its approvals" does not take the bot's own word for it.
 */
export function runJobs(redisUrl: string, prefix: string): RunJobs {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.Operations, { connection, prefix });
  return {
    async operationIds() {
      const jobs = await queue.getJobs([
        'waiting',
        'delayed',
        'prioritized',
        'active',
        'waiting-children',
      ]);
      return jobs.filter((j) => j.name === 'run').map((j) => String(j.data.operationId));
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
