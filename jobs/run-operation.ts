import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { ErrorCode, LifeboatError } from '../src/errors';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { recordJobDuration } from '../src/metrics/create-metrics';
import { advanceOperation, type AdvanceResult } from '../src/operations/advance-operation';
import type { ExecutorOptions } from '../src/operations/executor-options';
import { QueueName, type OperationJobData } from '../src/queue/queue-names';
import { toJobError } from '../src/queue/to-job-error';

/**
 * The job of one operation (jobId = operation id): runs it as far as it goes, then, while AWS
 * works, moves itself to delayed for one poll interval instead of sleeping (BullMQ's step-job
 * pattern). Errors are retried by BullMQ; bad job data cannot be, nor an operation record that
 * does not parse (it reads the same on every attempt): those fail the job at once.
 */
export function runOperationJob(deps: LifeboatDeps, options: ExecutorOptions) {
  return async (job: Job<OperationJobData>, token?: string): Promise<AdvanceResult> => {
    const operationId = job.data?.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      throw new UnrecoverableError(`job ${job.id} has no operationId`);
    }
    const result = await advanceOperation(deps, operationId, options).catch((error: unknown) => {
      if (error instanceof LifeboatError && error.code === ErrorCode.StoredRecordInvalid) {
        throw toJobError(error);
      }
      throw error;
    });
    if (result.status === 'waiting') {
      await job.moveToDelayed(deps.clock.now().toMillis() + (result.delayMs ?? deps.pollMs), token);
      throw new DelayedError();
    }
    if (result.status === 'finished') {
      const seconds = (deps.clock.now().toMillis() - job.timestamp) / 1000;
      await recordJobDuration(deps.redis, deps.keys, QueueName.Operations, seconds);
    }
    return result;
  };
}
