/** What a backup run is asked to do: back up and copy one environment. */
export interface BackupRunRequest {
  environment: string;
  /** `schedule`: a tick or a catch-up; `manual`: `/dr backup`. */
  trigger: 'schedule' | 'manual';
  /** The Slack user of a manual run. */
  requestedBy?: string;
}

/**
 * Backup runs handed to the backup workers now, outside the schedule (`/dr backup`, a catch-up),
 * and whether the run that holds an environment will still run.
 *
 * Promised:
 * - `enqueue` queues one run, retried after errors outside AWS (Redis, a crash) as a scheduled
 *   tick is, and returns the id of its job for the audit log. Each call queues another run.
 * - `isAlive(runId)` is true while the job that owns the run (`runId` as the worker derives it
 *   from its job) will still run: queued, delayed between polls, or being worked on. It is false
 *   for a run whose job has ended, failed or vanished, for a job id reused by a later job, and for
 *   an id that names no run.
 *
 * Deliberately not promised:
 * - that a run does anything: it is skipped while an operation or another run holds the
 *   environment;
 * - exactly-once delivery: a stalled run is delivered again and resumes from its progress.
 */
export interface BackupRuns {
  enqueue(request: BackupRunRequest): Promise<{ jobId: string }>;
  isAlive(runId: string): Promise<boolean>;
}
