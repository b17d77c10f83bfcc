export interface DrillSchedulesSync {
  /** Environments whose schedule was created or changed. */
  scheduled: string[];
  /** Environments whose schedule was removed. */
  removed: string[];
}

/**
 * Each environment's recurring drill request, every `drill:` period of the configuration.
 *
 * Promised:
 * - `sync(periodsMs)` makes the schedules match: one per environment in `periodsMs`, every its
 *   period. A schedule already at its period is left as it is (a restart requests no drill); a
 *   new or changed one first ticks one period from now (a new deployment does not open with a
 *   drill); the schedules of environments not in `periodsMs` are removed.
 *
 * Deliberately not promised:
 * - that a tick drills: it requests a drill, which still needs its approvals, and is skipped
 *   right after another drill;
 * - ticks on the dot: a tick runs when a worker takes it.
 */
export interface DrillSchedules {
  sync(periodsMs: ReadonlyMap<string, number>): Promise<DrillSchedulesSync>;
}
