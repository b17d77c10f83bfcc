import type { DarkInterval, EmulatorState, JobRecord } from './emulator-state';

/** A job spends this share of jobMs in its first state (CREATED, or PENDING for a restore). */
const FIRST_STATE_SHARE = 0.25 as const;

/** The dark periods of any of the regions, merged and sorted. */
function darkPeriods(state: EmulatorState, regions: readonly string[]): DarkInterval[] {
  const all = regions.flatMap((r) => state.regions[r]?.darkIntervals ?? []);
  const sorted = [...all].sort((a, b) => a.fromMs - b.fromMs);
  const merged: DarkInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.toMs === undefined || interval.fromMs <= last.toMs)) {
      if (last.toMs !== undefined)
        last.toMs = interval.toMs === undefined ? undefined : Math.max(last.toMs, interval.toMs);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

/** When a job that started at startMs has accumulated workMs of time outside dark periods; undefined: never. */
function reachedAtMs(
  startMs: number,
  workMs: number,
  dark: readonly DarkInterval[],
): number | undefined {
  let t = startMs;
  let remaining = workMs;
  for (const interval of dark) {
    if (interval.toMs !== undefined && interval.toMs <= t) continue;
    if (interval.fromMs >= t + remaining) break;
    remaining -= Math.max(0, interval.fromMs - t);
    if (interval.toMs === undefined) return undefined;
    t = Math.max(t, interval.toMs);
  }
  return t + remaining;
}

export type JobPhase = 'first' | 'running' | 'done';

/**
 * Where a job is at nowMs, derived from its creation time, jobMs and the outages of its regions:
 * time while any of them is dark does not count.
 */
export function jobPhase(
  state: EmulatorState,
  job: JobRecord,
  nowMs: number,
  jobMs: number,
): JobPhase {
  if (job.finalState) return 'done';
  if (job.outcome.stuck) return 'first';
  const dark = darkPeriods(state, job.regions);
  const runningAt = reachedAtMs(job.createdAtMs, jobMs * FIRST_STATE_SHARE, dark);
  if (runningAt === undefined || runningAt > nowMs) return 'first';
  const doneAt = reachedAtMs(job.createdAtMs, jobMs, dark);
  if (doneAt === undefined || doneAt > nowMs) return 'running';
  return 'done';
}

/** When the job reaches its end, or undefined when it does not (yet: a dark region, or stuck). */
export function jobCompletionMs(
  state: EmulatorState,
  job: JobRecord,
  jobMs: number,
): number | undefined {
  if (job.outcome.stuck) return undefined;
  return reachedAtMs(job.createdAtMs, jobMs, darkPeriods(state, job.regions));
}
