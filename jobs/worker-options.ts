import type { BackupSettings } from '../src/backups/backup-settings';
import type { ExecutorOptions } from '../src/operations/executor-options';
import type { RequestOperation } from '../src/operations/request-scheduled-drill';

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

export interface BackupWorkerOptions extends Partial<BackupSettings> {
  /** How often the RPO monitor runs; default 60 s. */
  monitorEveryMs?: number;
  /** Backup jobs (environments) one worker process works on at once; default 8. */
  concurrency?: number;
  /** BullMQ's job lock: a dead worker's job is picked up after it expires; default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs; default 30 s. */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it fails; default 2 (a lost run is taken over on the next tick). */
  maxStalledCount?: number;
  /** How long `close()` waits for active jobs before closing by force; default 10 s. */
  closeTimeoutMs?: number;
}

export const DEFAULT_MONITOR_EVERY_MS = 60_000 as const;

/** The workers of one side, as `jobs/index.ts` starts them. */
export interface RunningWorkers {
  /** Brings this side's schedules in line with the configuration in force. */
  reschedule?(): Promise<void>;
  close(): Promise<void>;
}
