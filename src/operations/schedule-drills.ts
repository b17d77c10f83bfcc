import type { LifeboatDeps } from '../lifeboat-deps';
import { jobId } from '../queue/queue-names';

export const DRILL_JOB_NAME = 'request-drill' as const;

export function drillSchedulerId(environment: string): string {
  return jobId('drill', environment);
}

/**
 * One Job Scheduler per environment with `drill:` in the configuration, on QueueName.Drills;
 * schedulers of environments that no longer have one are removed. A scheduler already in place
 * with the same period is left as it is, so a worker restart does not request a drill at once.
 */
export async function scheduleDrills(
  deps: LifeboatDeps,
): Promise<{ scheduled: string[]; removed: string[] }> {
  const queue = deps.queues.drills;
  const wanted = new Map<string, { environment: string; everyMs: number }>();
  for (const env of Object.values(deps.config.environments)) {
    if (env.drillEveryMs !== undefined) {
      wanted.set(drillSchedulerId(env.name), { environment: env.name, everyMs: env.drillEveryMs });
    }
  }
  const scheduled: string[] = [];
  for (const [id, { environment, everyMs }] of wanted) {
    const existing = await queue.getJobScheduler(id);
    if (existing?.every === everyMs) continue;
    // The first drill one period from now: a new deployment does not start with a drill.
    await queue.upsertJobScheduler(
      id,
      { every: everyMs, startDate: deps.clock.now().toMillis() + everyMs },
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
    if (id.startsWith('drill-') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { scheduled, removed };
}
