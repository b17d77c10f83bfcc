import type { Queue } from 'bullmq';

/** States in which a job will still run (again). */
const LIVE_STATES: readonly string[] = [
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
];

/**
 * A run's id: its BullMQ job's id and creation time, so the job that resumes a run derives the
 * same id (and the same idempotency tokens), and a reused job id never names an old run.
 */
export function runIdFor(jobId: string, jobTimestampMs: number): string {
  return `${jobId}@${jobTimestampMs}`;
}

export function parseRunId(runId: string): { jobId: string; jobTimestampMs: number } | undefined {
  const at = runId.lastIndexOf('@');
  if (at <= 0) return undefined;
  const jobTimestampMs = Number(runId.slice(at + 1));
  return Number.isFinite(jobTimestampMs)
    ? { jobId: runId.slice(0, at), jobTimestampMs }
    : undefined;
}

/** Whether the job that owns a run will still run: a run whose job failed or vanished is lost. */
export async function isRunAlive(queue: Queue, runId: string): Promise<boolean> {
  const parsed = parseRunId(runId);
  if (!parsed) return false;
  const job = await queue.getJob(parsed.jobId);
  if (!job || job.timestamp !== parsed.jobTimestampMs) return false;
  return LIVE_STATES.includes(await job.getState());
}
