import { formatDurationMs } from './format-duration';
import { countNoun } from './count-noun';

export const DEFAULT_BACKUP_DURATION_MS = 30 * 60_000;
export const DEFAULT_FLOOR_MS = 15 * 60_000;
/** How many of the latest observations the estimate looks at. */
export const RECENT_OBSERVATIONS = 20;
/** The latest runs whose longest always counts, so that a slowdown shows at once. */
export const LATEST_OBSERVATIONS = 3;

export interface PlanBackupIntervalInput {
  rpoTargetMs: number;
  /** Durations of recent backup+copy runs, oldest first; the latest count most. */
  observedDurationsMs: readonly number[];
  /** Never schedule more often than this. */
  floorMs?: number;
  /** Multiplies the duration estimate (1.2 leaves 20% headroom); default 1. */
  safety?: number;
}

export interface BackupInterval {
  intervalMs: number;
  /** The duration estimate the interval allows for. */
  expectedDurationMs: number;
  reason: string;
}

/**
 * How often to back up so that the data at the protection region is never older than the RPO
 * target: a point is as old as the interval plus the run's duration when the next one lands, so
 * interval ≤ rpo − duration (a 4h target with 40-minute copies: every 3h 20m at most).
 *
 * The duration is the 90th percentile (nearest rank) of the latest 20 observations, or the
 * slowest of the latest 3 when that is longer (a slowdown counts at once, an old outlier is
 * forgotten), times `safety`; 30 minutes when nothing has been observed. The interval is rounded down to a whole
 * minute and never below `floorMs`; when even the floor cannot hold the target, the reason says so.
 */
export function planBackupInterval(input: PlanBackupIntervalInput): BackupInterval {
  const floorMs = input.floorMs ?? DEFAULT_FLOOR_MS;
  const safety = input.safety !== undefined && input.safety > 0 ? input.safety : 1;
  const recent = input.observedDurationsMs
    .filter((d) => Number.isFinite(d) && d >= 0)
    .slice(-RECENT_OBSERVATIONS);
  const observed = recent.length > 0;
  const estimateMs = observed
    ? Math.max(percentile(recent, 0.9), ...recent.slice(-LATEST_OBSERVATIONS))
    : DEFAULT_BACKUP_DURATION_MS;
  const expectedDurationMs = Math.ceil(estimateMs * safety);
  const basis = observed
    ? `backup and copy take up to ${formatDurationMs(expectedDurationMs)} (from ${countNoun(recent.length, 'recent run')})`
    : `backup and copy are assumed to take ${formatDurationMs(expectedDurationMs)} (none observed yet)`;
  const rpo = formatDurationMs(input.rpoTargetMs);

  const room = Math.floor((input.rpoTargetMs - expectedDurationMs) / 60_000) * 60_000;
  if (room < floorMs) {
    return {
      intervalMs: floorMs,
      expectedDurationMs,
      reason: `the RPO target of ${rpo} cannot be held: ${basis}, leaving less than the ${formatDurationMs(floorMs)} minimum interval; backing up every ${formatDurationMs(floorMs)}`,
    };
  }
  return {
    intervalMs: room,
    expectedDurationMs,
    reason: `every ${formatDurationMs(room)} keeps the data within ${rpo}: ${basis}`,
  };
}

/** Nearest-rank percentile: the smallest value with at least `p` of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? 0;
}
