import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger } from '../../../src/logger';
import { createQueues, type LifeboatQueues } from '../../../src/queue/create-queues';
import type { QueueName } from '../../../src/queue/queue-names';
import { throttledErrorLog } from '../../../src/queue/throttled-error-log';
import { deletePrefix, uniquePrefix } from '../../support/redis-prefix';

export interface TestQueues {
  prefix: string;
  queues: LifeboatQueues;
  /** A worker that takes jobs one at a time when told, and ends them as told. */
  hand(queue: QueueName): TestHand;
  close(): Promise<void>;
}

export interface TestHand {
  /** Takes the next queued job, which must be `jobId`, and holds it. */
  take(jobId: string): Promise<void>;
  /** Ends the job (taking it first when it is not held) as a processor that returned or gave up. */
  end(jobId: string, how: 'completed' | 'failed'): Promise<void>;
}

/** The queues under a prefix of this test's own, on `redis`; `close` deletes the prefix's keys. */
export function openTestQueues(redis: Redis, name: string): TestQueues {
  const prefix = uniquePrefix(name);
  const queues = createQueues(redis, prefix, throttledErrorLog(createLogger('silent')));
  const closers: (() => Promise<void>)[] = [];

  function hand(queueName: QueueName): TestHand {
    const connection = redis.duplicate();
    const worker = new Worker(queueName, null, { connection, prefix, autorun: false });
    closers.push(async () => {
      await worker.close(true);
      connection.disconnect();
    });
    const held = new Map<string, { job: Job; token: string }>();
    const take = async (jobId: string) => {
      const token = randomUUID();
      const job = (await worker.getNextJob(token, { block: false })) as Job | undefined;
      if (job?.id !== jobId) throw new Error(`expected job ${jobId} next, got ${job?.id}`);
      held.set(jobId, { job, token });
    };
    return {
      take,
      async end(jobId, how) {
        if (!held.has(jobId)) await take(jobId);
        const { job, token } = held.get(jobId) ?? { job: undefined, token: '' };
        held.delete(jobId);
        if (how === 'completed') await job?.moveToCompleted('done', token, false);
        else await job?.moveToFailed(new UnrecoverableError('given up'), token, false);
      },
    };
  }

  return {
    prefix,
    queues,
    hand,
    async close() {
      await Promise.all(closers.splice(0).map((close) => close()));
      await queues.close();
      await deletePrefix(redis, prefix);
    },
  };
}
