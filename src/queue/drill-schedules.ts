import type { Queue } from 'bullmq';
import type { Clock } from '../clock';
import type { DrillSchedules } from '../ports/drill-schedules';
import type { DrillJobData } from './queue-names';
import { DRILL_SCHEDULER_PREFIX, drillSchedulerId } from './scheduler-ids';

/** The name of the drill schedulers' jobs on QueueName.Drills. */
export const DRILL_JOB_NAME = 'request-drill' as const;

/** DrillSchedules as BullMQ Job Schedulers on the drills queue (see drillSchedulerId). */
export function createDrillSchedules(queue: Queue<DrillJobData>, clock: Clock): DrillSchedules {
  return {
    async sync(periodsMs) {
      const wanted = new Map<string, { environment: string; everyMs: number }>();
      for (const [environment, everyMs] of periodsMs) {
        wanted.set(drillSchedulerId(environment), { environment, everyMs });
      }
      const scheduled: string[] = [];
      for (const [id, { environment, everyMs }] of wanted) {
        const existing = await queue.getJobScheduler(id);
        if (existing?.every === everyMs) continue;
        await queue.upsertJobScheduler(
          id,
          { every: everyMs, startDate: clock.now().toMillis() + everyMs },
          {
            name: DRILL_JOB_NAME,
            data: { environment },
            opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
          },
        );
        scheduled.push(environment);
      }
      const removed: string[] = [];
      for (const scheduler of await queue.getJobSchedulers(0, -1)) {
        const id = scheduler.key;
        if (id.startsWith(DRILL_SCHEDULER_PREFIX) && !wanted.has(id)) {
          await queue.removeJobScheduler(id);
          removed.push(id.slice(DRILL_SCHEDULER_PREFIX.length));
        }
      }
      return { scheduled, removed };
    },
  };
}
