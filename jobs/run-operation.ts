import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { advanceOperation, type AdvanceResult } from '../src/operations/advance-operation';
import type { ExecutorOptions } from '../src/operations/executor-options';
import { QueueName, type OperationJobData } from '../src/queue/queue-names';

/**
 * The job of one operation (jobId = operation id): runs it as far as it goes, then, while AWS
 * works, moves itself to delayed for one poll interval instead of sleeping (BullMQ's step-job
 * pattern). Errors are retried by BullMQ; bad job data cannot be.
 */
export function runOperationJob(deps: LifeboatDeps, options: ExecutorOptions) {
  return async (job: Job<OperationJobData>, token?: string): Promise<AdvanceResult> => {
    const operationId = job.data?.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      throw new UnrecoverableError(`job ${job.id} has no operationId`);
    }
    const result = await advanceOperation(deps, operationId, options);
    if (result.status === 'waiting') {
      await job.moveToDelayed(deps.clock.now().toMillis() + (result.delayMs ?? deps.pollMs), token);
      throw new DelayedError();
    }
    if (result.status === 'finished') {
      const seconds = (deps.clock.now().toMillis() - job.timestamp) / 1000;
      await deps.counters.recordJobDuration(QueueName.Operations, seconds);
    }
    return result;
  };
}
