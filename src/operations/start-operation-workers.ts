import { Worker, type Job } from 'bullmq';
import { reconcileOperationsJob } from '../../jobs/reconcile-operations';
import { runOperationJob } from '../../jobs/run-operation';
import { scheduleDrillJob } from '../../jobs/schedule-drill';
import { requestOperation } from '../approval/request-operation';
import type { LifeboatDeps } from '../lifeboat-deps';
import { QueueName, type DrillJobData, type OperationJobData } from '../queue/queue-names';
import { DEFAULT_EXECUTOR_OPTIONS, type ExecutorOptions } from './executor-options';
import { OperationJobName } from './operation-job-options';
import { reconcileOperations } from './reconcile-operations';
import type { RequestOperation } from './request-scheduled-drill';
import { scheduleDrills } from './schedule-drills';

export interface OperationWorkerOptions extends Partial<ExecutorOptions> {
  /** BullMQ lock of an active job; a dead worker's job is taken over after about this long. */
  lockDurationMs?: number;
  /** How often BullMQ looks for stalled jobs. */
  stalledIntervalMs?: number;
  /** Operations one process runs at once (each mostly waits, delayed, between polls). */
  concurrency?: number;
  /** How often the reconciler looks for operations without a live job. */
  reconcileEveryMs?: number;
  /** The drill request use case; default: the Slack side's requestOperation. */
  requestOperation?: RequestOperation;
}

/**
 * Stalls are expected (a worker killed mid-step): the operation resumes from its progress, so a
 * job may stall any number of times. The reconciler covers a job failed anyway.
 */
const MAX_STALLED_COUNT = 1_000_000 as const;

/**
 * The operations worker (runs approved operations and the reconciler's rounds), the drill
 * schedulers and their worker. Reconciles once at start, so operations a crashed deployment left
 * behind run again without waiting for the first scheduled round.
 */
export async function startOperationWorkers(
  deps: LifeboatDeps,
  options: OperationWorkerOptions = {},
): Promise<{ reschedule(): Promise<void>; close(): Promise<void> }> {
  const executor: ExecutorOptions = {
    tokenTrustMs: options.tokenTrustMs ?? DEFAULT_EXECUTOR_OPTIONS.tokenTrustMs,
    healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_EXECUTOR_OPTIONS.healthTimeoutMs,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  };
  const lockDuration = options.lockDurationMs ?? 30_000;
  const stalledInterval = options.stalledIntervalMs ?? 30_000;
  const runOperation = runOperationJob(deps, executor);
  const reconcile = reconcileOperationsJob(deps);

  const connection = deps.redis.duplicate();
  const operations = new Worker<OperationJobData>(
    QueueName.Operations,
    async (job: Job<OperationJobData>, token?: string) =>
      job.name === OperationJobName.Reconcile ? reconcile() : runOperation(job, token),
    {
      connection,
      prefix: deps.prefix,
      concurrency: options.concurrency ?? 8,
      lockDuration,
      stalledInterval,
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  operations.on('failed', (job, error) =>
    deps.logger.warn({ jobId: job?.id, err: error }, 'operation job failed; it will be retried'),
  );
  operations.on('error', deps.queueErrors('worker operations'));

  const drills = new Worker<DrillJobData>(
    QueueName.Drills,
    scheduleDrillJob(deps, options.requestOperation ?? requestOperation),
    { connection, prefix: deps.prefix, concurrency: 1 },
  );
  drills.on('error', deps.queueErrors('worker drills'));

  await deps.queues.operations.upsertJobScheduler(
    OperationJobName.Reconcile,
    { every: options.reconcileEveryMs ?? 30_000 },
    { name: OperationJobName.Reconcile, data: { operationId: '' } },
  );
  await scheduleDrills(deps);
  await reconcileOperations(deps).catch((error: unknown) =>
    deps.logger.warn({ err: error }, 'first reconcile failed; the scheduled one will retry'),
  );

  return {
    async reschedule() {
      await scheduleDrills(deps);
    },
    async close() {
      await Promise.all([operations.close(), drills.close()]);
      connection.disconnect();
    },
  };
}
