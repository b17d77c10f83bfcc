import { Worker } from 'bullmq';
import { expireRequestProcessor } from '../../jobs/expire-request';
import type { LifeboatDeps } from '../lifeboat-deps';
import { QueueName, type ExpiryJobData } from '../queue/queue-names';

/** The approval side's workers (request expiry), for the worker processes. */
export function startApprovalWorkers(deps: LifeboatDeps): { close(): Promise<void> } {
  // A worker blocks its connection waiting for jobs: it gets its own.
  const connection = deps.redis.duplicate();
  const worker = new Worker<ExpiryJobData>(QueueName.Expiry, expireRequestProcessor(deps), {
    connection,
    prefix: deps.prefix,
    concurrency: 10,
  });
  worker.on('failed', (job, error) => {
    deps.logger.warn({ jobId: job?.id, err: error }, 'request expiry failed; it will be retried');
  });
  worker.on('error', deps.queueErrors('worker expiry'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
