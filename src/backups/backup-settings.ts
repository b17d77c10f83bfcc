/** How backup runs behave; every field has a default fit for production. */
export interface BackupSettings {
  /** Resources of one environment with AWS jobs in flight at once. */
  resourceConcurrency: number;
  /** Attempts per backup and per copy job (a FAILED job is retried with a new token). */
  maxAttempts: number;
  /** Retryable call errors (throttling, an impaired region) in a row before a resource is given up. */
  maxErrorStreak: number;
  /** The longest wait between two polls of one resource when backing off. */
  maxBackoffMs: number;
  /** A run stops waiting after this long; default: the environment's RPO target. */
  maxRunMs?: number;
  /** The schedule planner's minimum interval. */
  floorMs?: number;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  resourceConcurrency: 4,
  maxAttempts: 3,
  maxErrorStreak: 6,
  maxBackoffMs: 5 * 60_000,
};

/** pollMs · 2^n, capped: the wait after the n-th failure in a row. */
export function backoffMs(pollMs: number, n: number, capMs: number): number {
  return Math.min(capMs, Math.max(1, pollMs) * 2 ** Math.max(0, Math.min(n, 20)));
}
