import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redis/redis-keys';
import { parseStoredRecord } from './parse-stored-record';

/** How many operations of one kind ended one way. */
export interface OperationCount {
  kind: string;
  outcome: string;
  count: number;
}

/** What the finished jobs of one queue took, in seconds; a part never recorded is absent. */
export interface QueueJobDurations {
  queue: string;
  sumSeconds?: number;
  count?: number;
  lastSeconds?: number;
}

/**
 * The counters behind `/metrics` that any process adds to: operation ends and job durations.
 * Promises: each record is counted once, whichever process makes it (no increment is lost to a
 * race); the reads return the totals since the counters began, in no particular order.
 * Not promised: when anything was counted, rates, or a reset (Prometheus derives those).
 */
export interface MetricCounters {
  /** Counts one operation's end: its kind (`failover`, …) and how it ended (`succeeded`, …). */
  countOperation(kind: string, outcome: string): Promise<void>;
  /** Adds a finished job's duration to its queue's sum and count, and keeps it as the last. */
  recordJobDuration(queue: string, seconds: number): Promise<void>;
  operationCounts(): Promise<OperationCount[]>;
  jobDurations(): Promise<QueueJobDurations[]>;
}

/** The Redis hashes under the prefix. */
export const STATS = {
  /** Hash `kind:outcome` → count. */
  operations: 'stats:operations',
  /** Hash `queue:sum` / `queue:count` / `queue:last` (seconds). */
  jobs: 'stats:jobs',
} as const;

const JOB_FIELDS = { sum: 'sumSeconds', count: 'count', last: 'lastSeconds' } as const;

const numeral = z.string().refine((text) => text.trim() !== '' && Number.isFinite(Number(text)), {
  message: 'not a number',
});

/** Reads one hash of numbers; a field that is not a number names the key and field. */
async function readNumbers(redis: Redis, key: string): Promise<[string, number][]> {
  const raw = await redis.hgetall(key);
  return Object.entries(raw).map(([field, value]) => [
    field,
    Number(parseStoredRecord(numeral, value, { key, field })),
  ]);
}

/** Per-queue rows from `queue:sum|count|last` fields; other fields are ignored. */
export function jobDurationsFrom(fields: Iterable<[string, number]>): QueueJobDurations[] {
  const byQueue = new Map<string, QueueJobDurations>();
  for (const [field, value] of fields) {
    const colon = field.lastIndexOf(':');
    const part = JOB_FIELDS[field.slice(colon + 1) as keyof typeof JOB_FIELDS];
    if (colon < 0 || part === undefined) continue;
    const queue = field.slice(0, colon);
    byQueue.set(queue, { ...(byQueue.get(queue) ?? { queue }), [part]: value });
  }
  return [...byQueue.values()];
}

/** Rows from `kind:outcome` fields. */
export function operationCountsFrom(fields: Iterable<[string, number]>): OperationCount[] {
  return [...fields].map(([field, count]) => {
    const [kind = '', outcome = ''] = field.split(':');
    return { kind, outcome, count };
  });
}

export function createMetricCounters(redis: Redis, keys: RedisKeys): MetricCounters {
  const operations = keys.custom(STATS.operations);
  const jobs = keys.custom(STATS.jobs);
  return {
    async countOperation(kind, outcome) {
      await redis.hincrby(operations, `${kind}:${outcome}`, 1);
    },
    async recordJobDuration(queue, seconds) {
      await redis
        .multi()
        .hincrbyfloat(jobs, `${queue}:sum`, seconds)
        .hincrby(jobs, `${queue}:count`, 1)
        .hset(jobs, `${queue}:last`, String(seconds))
        .exec();
    },
    async operationCounts() {
      return operationCountsFrom(await readNumbers(redis, operations));
    },
    async jobDurations() {
      return jobDurationsFrom(await readNumbers(redis, jobs));
    },
  };
}
