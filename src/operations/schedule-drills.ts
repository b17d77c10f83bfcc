import type { DrillSchedulesSync } from '../ports/drill-schedules';
import type { LifeboatDeps } from '../lifeboat-deps';

/**
 * One drill schedule per environment with `drill:` in the configuration; the schedules of
 * environments that no longer have one are removed. A schedule already in place with the same
 * period is left as it is, so a worker restart does not request a drill at once.
 */
export async function scheduleDrills(
  deps: Pick<LifeboatDeps, 'config' | 'drillSchedules'>,
): Promise<DrillSchedulesSync> {
  const periodsMs = new Map<string, number>();
  for (const env of Object.values(deps.config.current().environments)) {
    if (env.drillEveryMs !== undefined) periodsMs.set(env.name, env.drillEveryMs);
  }
  return deps.drillSchedules.sync(periodsMs);
}
