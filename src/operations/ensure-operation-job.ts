import type { LifeboatDeps } from '../lifeboat-deps';
import { OperationJobName, operationJobOptions } from './operation-job-options';

export type EnsureOutcome = 'present' | 'added' | 'retried' | 'replaced';

/**
 * Makes sure an operation that must run has a live job: added when missing, retried when it
 * failed (e.g. "job stalled more than allowable limit" after repeated kills), replaced when it
 * completed while the operation was not yet runnable. A job waiting, delayed or active is left.
 */
export async function ensureOperationJob(
  deps: LifeboatDeps,
  operationId: string,
): Promise<EnsureOutcome> {
  const queue = deps.queues.operations;
  const add = () =>
    queue.add(OperationJobName.Run, { operationId }, operationJobOptions(operationId, deps.pollMs));
  const job = await queue.getJob(operationId);
  if (!job) {
    await add();
    return 'added';
  }
  const state = await job.getState();
  if (state === 'failed') {
    await job.retry('failed');
    return 'retried';
  }
  if (state === 'completed' || state === 'unknown') {
    await job.remove();
    await add();
    return 'replaced';
  }
  return 'present';
}
