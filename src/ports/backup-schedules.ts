/** An environment's recurring backup run, as the scheduler has it. */
export interface BackupSchedule {
  environment: string;
  everyMs: number;
  /** When the next tick is due (epoch ms), when the scheduler knows. */
  nextMs?: number;
}

export interface PutBackupScheduleResult {
  change: 'created' | 'updated' | 'unchanged';
  /** When the next tick is due (epoch ms), when the scheduler knows. */
  nextMs?: number;
}

/**
 * Each environment's recurring backup run, every `everyMs`.
 *
 * Promised:
 * - `put` leaves a schedule already at that interval as it is, so any number of processes may
 *   put on start and a restart runs no extra backup. A new schedule ticks at once. A changed one
 *   ticks next one new interval after its last tick (now, when that has passed), not at once.
 * - `get` answers an environment's interval and next tick; `environments` lists every
 *   environment that has a schedule; `remove` drops one (a run already queued still runs).
 *
 * Deliberately not promised:
 * - ticks on the dot: a tick runs when a worker takes it;
 * - that a tick does anything: its run may be skipped (see BackupRuns).
 */
export interface BackupSchedules {
  put(environment: string, everyMs: number): Promise<PutBackupScheduleResult>;
  get(environment: string): Promise<BackupSchedule | undefined>;
  environments(): Promise<string[]>;
  remove(environment: string): Promise<void>;
}
