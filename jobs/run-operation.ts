import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { advanceOperation, type AdvanceResult } from '../src/operations/advance-operation';
import type { ExecutorOptions } from '../src/operations/executor-options';
import { QueueName, type OperationJobData } from '../src/queue/queue-names';
import { JobRetry, toJobError } from '../src/queue/to-job-error';

/**
 * The job of one operation (jobId = operation id): runs it as far as it goes, then, while AWS
 * works, moves itself to delayed for one poll interval instead of sleeping (BullMQ's step-job
 * pattern). Errors are retried by BullMQ (the operation resumes from its progress, and the
 * reconciler brings back a job that ran out of attempts); bad job data cannot be, nor an
 * operation record that does not parse (it reads the same on every attempt): those fail at once.
 */
export function runOperationJob(deps: LifeboatDeps, options: ExecutorOptions) {
  return async (job: Job<OperationJobData>, token?: string): Promise<AdvanceResult> => {
    const operationId = job.data?.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      throw new UnrecoverableError(`job ${job.id} has no operationId`);
    }
    try {
      const result = await advanceOperation(deps, operationId, options);
      if (result.status === 'waiting') {
        const atMs = deps.clock.now().toMillis() + (result.delayMs ?? deps.pollMs);
        await job.moveToDelayed(atMs, token);
        throw new DelayedError();
      }
      if (result.status === 'finished') {
        const seconds = (deps.clock.now().toMillis() - job.timestamp) / 1000;
        await deps.counters.recordJobDuration(QueueName.Operations, seconds);
      }
      return result;
    } catch (error) {
      throw toJobError(error, JobRetry.Always);
    }
  };
}
