import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import type { RedisKeys } from '../redis/redis-keys';

/**
 * Prometheus metrics. Values that any process may produce (exposure, operation outcomes, job
 * durations) are kept in Redis and read at scrape time, so the bot's /metrics is right even when
 * the work runs in separate worker processes.
 */
export interface LifeboatMetrics {
  registry: Registry;
  render(): Promise<string>;
  contentType: string;
}

export const STATS = {
  /** Hash `kind:outcome` → count. */
  operations: 'stats:operations',
  /** Hash `queue:sum` / `queue:count` / `queue:last` (seconds). */
  jobs: 'stats:jobs',
} as const;

/** Counts an operation's end (any process). */
export async function recordOperationOutcome(
  redis: Redis,
  keys: RedisKeys,
  kind: string,
  outcome: string,
): Promise<void> {
  await redis.hincrby(keys.custom(STATS.operations), `${kind}:${outcome}`, 1);
}

/** Records how long a job took (any process). */
export async function recordJobDuration(
  redis: Redis,
  keys: RedisKeys,
  queue: string,
  seconds: number,
): Promise<void> {
  const key = keys.custom(STATS.jobs);
  await redis
    .multi()
    .hincrbyfloat(key, `${queue}:sum`, seconds)
    .hincrby(key, `${queue}:count`, 1)
    .hset(key, `${queue}:last`, String(seconds))
    .exec();
}

export function createMetrics(
  redis: Redis,
  keys: RedisKeys,
  getConfig: () => Config,
): LifeboatMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lifeboat_process_' });

  new Gauge({
    name: 'lifeboat_rpo_exposure_seconds',
    help: 'Age of the newest recovery point copied to the recovery region, worst resource per environment',
    labelNames: ['environment'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const environment of Object.keys(getConfig().environments)) {
        const json = await redis.get(keys.exposure(environment));
        if (!json) continue;
        const exposure = JSON.parse(json) as { worstExposureMs?: number };
        if (typeof exposure.worstExposureMs === 'number') {
          this.set({ environment }, exposure.worstExposureMs / 1000);
        }
      }
    },
  });

  new Gauge({
    name: 'lifeboat_rpo_target_seconds',
    help: 'RPO target per environment',
    labelNames: ['environment'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [environment, env] of Object.entries(getConfig().environments)) {
        this.set({ environment }, env.rpoMs / 1000);
      }
    },
  });

  new Gauge({
    name: 'lifeboat_rto_target_seconds',
    help: 'RTO target per environment',
    labelNames: ['environment'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [environment, env] of Object.entries(getConfig().environments)) {
        this.set({ environment }, env.rtoMs / 1000);
      }
    },
  });

  new Counter({
    name: 'lifeboat_operations_total',
    help: 'Operations by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await redis.hgetall(keys.custom(STATS.operations));
      for (const [field, value] of Object.entries(counts)) {
        const [kind = '', outcome = ''] = field.split(':');
        this.inc({ kind, outcome }, Number(value));
      }
    },
  });

  const jobs = async () => redis.hgetall(keys.custom(STATS.jobs));
  const perQueue = (counts: Record<string, string>, suffix: string) =>
    Object.entries(counts).flatMap(([field, value]) =>
      field.endsWith(`:${suffix}`)
        ? [{ queue: field.slice(0, -suffix.length - 1), value: Number(value) }]
        : [],
    );
  new Counter({
    name: 'lifeboat_job_duration_seconds_sum',
    help: 'Total seconds spent in jobs, per queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, value } of perQueue(await jobs(), 'sum')) this.inc({ queue }, value);
    },
  });
  new Counter({
    name: 'lifeboat_job_duration_seconds_count',
    help: 'Jobs finished, per queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, value } of perQueue(await jobs(), 'count')) this.inc({ queue }, value);
    },
  });
  new Gauge({
    name: 'lifeboat_job_last_duration_seconds',
    help: 'Duration of the last finished job, per queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, value } of perQueue(await jobs(), 'last')) this.set({ queue }, value);
    },
  });

  return { registry, render: () => registry.metrics(), contentType: registry.contentType };
}
