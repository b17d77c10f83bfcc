import type { Queue } from 'bullmq';
import type { Clock } from '../clock';
import type { ExpiryScheduler } from '../ports/expiry-scheduler';
import { expiryJobId } from './expiry-job-id';
import type { ExpiryJobData } from './queue-names';

export const EXPIRY_JOB_NAME = 'expire' as const;

/**
 * ExpiryScheduler on the expiry queue: one delayed job per operation (see expiryJobId), delayed
 * by what `clock` says is left until `expiresAtMs`.
 */
export function createExpiryScheduler(queue: Queue<ExpiryJobData>, clock: Clock): ExpiryScheduler {
  return {
    async schedule(operationId, expiresAtMs) {
      await queue.add(
        EXPIRY_JOB_NAME,
        { operationId },
        {
          jobId: expiryJobId(operationId),
          delay: Math.max(0, expiresAtMs - clock.now().toMillis()),
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      );
    },
    async cancel(operationId) {
      await queue.remove(expiryJobId(operationId));
    },
  };
}
