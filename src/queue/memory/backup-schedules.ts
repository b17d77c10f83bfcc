import type { Clock } from '../../clock';
import type { BackupSchedule, BackupSchedules } from '../../ports/backup-schedules';

/** BackupSchedules in memory: each schedule's interval and next tick, by the clock. */
export function createMemoryBackupSchedules(clock: Clock): BackupSchedules {
  const schedules = new Map<string, { everyMs: number; nextMs: number }>();
  return {
    async put(environment, everyMs) {
      const existing = schedules.get(environment);
      if (existing?.everyMs === everyMs) return { change: 'unchanged', nextMs: existing.nextMs };
      const nowMs = clock.now().toMillis();
      const nextMs = existing
        ? Math.max(nowMs, existing.nextMs - existing.everyMs + everyMs)
        : nowMs;
      schedules.set(environment, { everyMs, nextMs });
      return { change: existing ? 'updated' : 'created', nextMs };
    },
    async get(environment): Promise<BackupSchedule | undefined> {
      const schedule = schedules.get(environment);
      return schedule ? { environment, ...schedule } : undefined;
    },
    async environments() {
      return [...schedules.keys()];
    },
    async remove(environment) {
      schedules.delete(environment);
    },
  };
}
