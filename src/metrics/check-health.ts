import type { Clock } from '../clock';
import { withTimeout } from '../slack/with-timeout';
import { WORKER_NAMES, type WorkerHeartbeats, type WorkerName } from '../store/worker-heartbeats';

/** What /healthz answers: 200 with `body` when healthy, 503 with it otherwise. */
export interface HealthReport {
  healthy: boolean;
  body: {
    status: 'ok' | 'unhealthy';
    redis: string;
    /** How many processes run each worker, by their heartbeats. */
    workers?: Record<WorkerName, number>;
    /** In a worker process: whether its own workers are beating. */
    process?: string;
    problem?: string;
  };
}

/**
 * Health from one read of the workers' heartbeats: that read answering is Redis answering, and
 * every worker (operations, backups, the RPO monitor, expiry) needs a process whose beat lasts
 * past now. A Redis that does not answer within `deadlineMs` is unhealthy, said so, in time.
 * `self`: this process's heartbeat id when it runs workers; its own beat must be there too.
 */
export async function checkHealth(input: {
  heartbeats: WorkerHeartbeats;
  clock: Clock;
  deadlineMs: number;
  self?: string;
}): Promise<HealthReport> {
  const { heartbeats, clock, deadlineMs, self } = input;
  let alive;
  try {
    alive = await withTimeout(heartbeats.alive(clock.now().toMillis()), deadlineMs);
  } catch (error) {
    return {
      healthy: false,
      body: {
        status: 'unhealthy',
        redis: `unreachable: ${(error as Error).message}`,
        problem: 'Redis does not answer, so neither do the workers',
      },
    };
  }
  const workers = Object.fromEntries(WORKER_NAMES.map((name) => [name, 0])) as Record<
    WorkerName,
    number
  >;
  const processes = new Map<WorkerName, Set<string>>();
  for (const beat of alive) {
    const seen = processes.get(beat.worker) ?? new Set<string>();
    seen.add(beat.processId);
    processes.set(beat.worker, seen);
    workers[beat.worker] = seen.size;
  }
  const missing = WORKER_NAMES.filter((name) => workers[name] === 0);
  const beating = self === undefined || alive.some((beat) => beat.processId === self);
  const healthy = missing.length === 0 && beating;
  return {
    healthy,
    body: {
      status: healthy ? 'ok' : 'unhealthy',
      redis: 'ok',
      workers,
      ...(self === undefined
        ? {}
        : { process: beating ? 'beating' : 'this process’s workers have not beaten lately' }),
      ...(missing.length > 0
        ? {
            problem: `no ${orList(missing)} worker is running: none has beaten lately; start one with \`npm run worker\``,
          }
        : {}),
    },
  };
}

function orList(names: readonly string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}
