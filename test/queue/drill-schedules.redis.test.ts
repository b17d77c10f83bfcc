import { systemClock } from '../../src/clock';
import { createDrillSchedules } from '../../src/queue/drill-schedules';
import { DRILL_SCHEDULER_PREFIX } from '../../src/queue/scheduler-ids';
import { describeDrillSchedulesContract } from '../ports/contracts/drill-schedules-contract';
import { testRedis } from '../support/redis-prefix';
import { openTestQueues } from './support/test-queues';

const redis = testRedis();
afterAll(() => redis.disconnect());

// BullMQ's schedulers keep their own (real) time: so does the clock here.
describeDrillSchedulesContract('BullMQ', async () => {
  const t = openTestQueues(redis, 'q-drills');
  const queue = t.queues.drills;
  return {
    drills: createDrillSchedules(queue, systemClock),
    clock: systemClock,
    async schedules() {
      const schedules = new Map<string, { everyMs: number; nextMs: number }>();
      for (const s of await queue.getJobSchedulers(0, -1)) {
        if (!s.key.startsWith(DRILL_SCHEDULER_PREFIX)) continue;
        schedules.set(s.key.slice(DRILL_SCHEDULER_PREFIX.length), {
          everyMs: s.every ?? 0,
          nextMs: s.next ?? 0,
        });
      }
      return schedules;
    },
    close: t.close,
  };
});
