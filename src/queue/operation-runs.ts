import type { Queue } from 'bullmq';
import type { EnsureLiveOutcome, OperationRuns } from '../ports/operation-runs';
import { OperationJobName, operationJobOptions } from './operation-job-options';
import type { OperationJobData } from './queue-names';

/**
 * OperationRuns on the operations queue: one job per operation, its id the operation's id, kept
 * after it ends (see operationJobOptions) so a second add for the same operation is a no-op.
 */
export function createOperationRuns(queue: Queue<OperationJobData>, pollMs: number): OperationRuns {
  const add = async (operationId: string) => {
    await queue.add(
      OperationJobName.Run,
      { operationId },
      operationJobOptions(operationId, pollMs),
    );
  };
  return {
    enqueue: add,
    async remove(operationId) {
      // 0 when a worker holds the job's lock: it runs on, and finds its operation ended.
      await queue.remove(operationId);
    },
    async ensureLive(operationId): Promise<EnsureLiveOutcome> {
      const job = await queue.getJob(operationId);
      if (!job) {
        await add(operationId);
        return 'added';
      }
      const state = await job.getState();
      if (state === 'failed') {
        await job.retry('failed');
        return 'retried';
      }
      if (state === 'completed' || state === 'unknown') {
        await job.remove();
        await add(operationId);
        return 'replaced';
      }
      return 'present';
    },
  };
}
