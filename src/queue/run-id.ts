/**
 * A backup run's id: its BullMQ job's id and creation time, so the job that resumes a run derives
 * the same id (and the same idempotency tokens), and a reused job id never names an old run.
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
