import { Worker, type Job } from 'bullmq';
import { requestOperation } from '../src/approval/request-operation';
import type { Infra } from '../src/create-infra';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { DEFAULT_EXECUTOR_OPTIONS, type ExecutorOptions } from '../src/operations/executor-options';
import { reconcileOperations } from '../src/operations/reconcile-operations';
import { scheduleDrills } from '../src/operations/schedule-drills';
import { OperationJobName } from '../src/queue/operation-job-options';
import { QueueName, type DrillJobData, type OperationJobData } from '../src/queue/queue-names';
import { reconcileOperationsJob } from './reconcile-operations';
import { runOperationJob } from './run-operation';
import { scheduleDrillJob } from './schedule-drill';
import type { OperationWorkerOptions, RunningWorkers } from './worker-options';

/**
 * Stalls are expected (a worker killed mid-step): the operation resumes from its progress, so a
 * job may stall any number of times. The reconciler covers a job failed anyway.
 */
const OPERATION_MAX_STALLED_COUNT = 1_000_000 as const;

/**
 * The operations worker (runs approved operations and the reconciler's rounds), the drill
 * schedules and their worker. Reconciles once at start, so operations a crashed deployment left
 * behind run again without waiting for the first scheduled round. Started by `jobs/index.ts`.
 */
export async function startOperationWorkers(
  deps: LifeboatDeps,
  infra: Infra,
  options: OperationWorkerOptions,
): Promise<RunningWorkers> {
  const executor: ExecutorOptions = {
    tokenTrustMs: options.tokenTrustMs ?? DEFAULT_EXECUTOR_OPTIONS.tokenTrustMs,
    healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_EXECUTOR_OPTIONS.healthTimeoutMs,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  };
  const runOperation = runOperationJob(deps, executor);
  const reconcile = reconcileOperationsJob(deps);

  // A worker blocks its connection waiting for jobs: the workers get their own.
  const connection = infra.redis.duplicate();
  const operations = new Worker<OperationJobData>(
    QueueName.Operations,
    async (job: Job<OperationJobData>, token?: string) =>
      job.name === OperationJobName.Reconcile ? reconcile() : runOperation(job, token),
    {
      connection,
      prefix: infra.prefix,
      concurrency: options.concurrency ?? 8,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: OPERATION_MAX_STALLED_COUNT,
    },
  );
  operations.on('failed', (job, error) =>
    deps.logger.warn({ jobId: job?.id, err: error }, 'operation job failed; it will be retried'),
  );
  operations.on('error', infra.queueErrors('worker operations'));

  const drills = new Worker<DrillJobData>(
    QueueName.Drills,
    scheduleDrillJob(deps, options.requestOperation ?? requestOperation),
    { connection, prefix: infra.prefix, concurrency: 1 },
  );
  drills.on('error', infra.queueErrors('worker drills'));

  await infra.queues.operations.upsertJobScheduler(
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
