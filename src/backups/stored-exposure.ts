import type { Exposure } from '../core/rpo-exposure';

/**
 * What the monitor keeps at `keys.exposure(env)` for `/dr status` and `/metrics`: the core's
 * exposure, when it was computed and what the schedule promises next.
 */
export interface StoredExposure extends Exposure {
  computedAt: string;
  /** When the environment's scheduler fires next (ISO), when it has one. */
  nextBackupAt?: string;
  /** The scheduler's interval. */
  intervalMs?: number;
  /** A backup run was in flight when this was measured. */
  backupRunning?: boolean;
  /** How long a backup and its copy are expected to take (the planner's estimate). */
  expectedBackupDurationMs: number;
  /** The protection region did not answer: the points are the last ones seen. */
  protectionRegionDark?: boolean;
  /** Why the status is not ok, in one line for people. */
  reason?: string;
}
