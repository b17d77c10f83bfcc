import { awsIds } from './aws-ids';
import { decideJobOutcome } from './decide-job-outcome';
import type { EmulatedJobKind, JobRecord } from './emulator-state';
import type { OperationContext } from './emulator-request';

/** How long AWS honours an idempotency token. */
const IDEMPOTENCY_WINDOW_MS = 3_600_000 as const;

/**
 * Starts a job, or returns the job that the same idempotency token (same region and operation,
 * within an hour) already started, as AWS Backup does.
 */
export function startJob<T extends JobRecord>(
  context: OperationContext,
  operation: string,
  token: string | undefined,
  build: (base: {
    jobId: string;
    region: string;
    createdAtMs: number;
    outcome: JobRecord['outcome'];
    idempotencyToken?: string;
  }) => T,
  about: { kind: EmulatedJobKind; resourceArn: string },
): T {
  const { state, region, nowMs } = context;
  const key = token ? `${region}|${operation}|${token}` : undefined;
  if (key) {
    const seen = state.idempotency[key];
    if (seen && nowMs - seen.atMs < IDEMPOTENCY_WINDOW_MS) {
      // The key names the operation, so the job it started is of the same kind.
      const job = state.jobs.find((j) => j.jobId === seen.jobId);
      if (job) return job as T;
    }
  }
  const job = build({
    jobId: awsIds.jobId(),
    region,
    createdAtMs: nowMs,
    outcome: decideJobOutcome(
      state,
      { kind: about.kind, region, resourceArn: about.resourceArn },
      context.random,
    ),
    ...(token ? { idempotencyToken: token } : {}),
  });
  state.jobs.push(job);
  if (key) state.idempotency[key] = { jobId: job.jobId, atMs: nowMs };
  return job;
}
