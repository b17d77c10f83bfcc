import { Worker } from 'bullmq';
import type { Infra } from '../src/create-infra';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { QueueName, type ExpiryJobData } from '../src/queue/queue-names';
import { expireRequestProcessor } from './expire-request';
import type { RunningWorkers } from './worker-options';

/** The request expiry worker. Started by `jobs/index.ts`. */
export function startExpiryWorker(deps: LifeboatDeps, infra: Infra): RunningWorkers {
  const connection = infra.redis.duplicate();
  const worker = new Worker<ExpiryJobData>(QueueName.Expiry, expireRequestProcessor(deps), {
    connection,
    prefix: infra.prefix,
    concurrency: 10,
  });
  worker.on('failed', (job, error) => {
    deps.logger.warn({ jobId: job?.id, err: error }, 'request expiry failed; it will be retried');
  });
  worker.on('error', infra.queueErrors('worker expiry'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
