import type { JobsOptions } from 'bullmq';

/** The name of the jobs that run operations, and of the reconciler's, on QueueName.Operations. */
export const OperationJobName = {
  Run: 'run',
  Reconcile: 'reconcile-operations',
} as const;

/**
 * Options for the job of an operation (jobId = the operation id). Transient errors are retried
 * with backoff; the reconciler brings back a job that failed anyway. Jobs are kept after they end,
 * so a duplicate add for the same operation stays a no-op.
 */
export function operationJobOptions(operationId: string, pollMs: number): JobsOptions {
  return {
    jobId: operationId,
    attempts: 25,
    backoff: { type: 'exponential', delay: Math.max(pollMs, 100) },
    removeOnComplete: { age: 30 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}
