import type { Clock } from '../../clock';
import type { DrillSchedules } from '../../ports/drill-schedules';

/** DrillSchedules in memory, and the schedules it holds. */
export interface MemoryDrillSchedules extends DrillSchedules {
  /** Each environment's period and next tick (epoch ms). */
  schedules(): ReadonlyMap<string, { everyMs: number; nextMs: number }>;
}

export function createMemoryDrillSchedules(clock: Clock): MemoryDrillSchedules {
  const schedules = new Map<string, { everyMs: number; nextMs: number }>();
  return {
    async sync(periodsMs) {
      const scheduled: string[] = [];
      for (const [environment, everyMs] of periodsMs) {
        if (schedules.get(environment)?.everyMs === everyMs) continue;
        schedules.set(environment, { everyMs, nextMs: clock.now().toMillis() + everyMs });
        scheduled.push(environment);
      }
      const removed: string[] = [];
      for (const environment of [...schedules.keys()]) {
        if (!periodsMs.has(environment)) {
          schedules.delete(environment);
          removed.push(environment);
        }
      }
      return { scheduled, removed };
    },
    schedules: () => schedules,
  };
}
