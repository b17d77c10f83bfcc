import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redis/redis-keys';
import { parseStoredRecord } from './parse-stored-record';

/** The job workers that /healthz needs alive, by the queue each works. */
export const WorkerName = {
  Operations: 'operations',
  Backups: 'backups',
  /** The RPO monitor. */
  Monitor: 'monitor',
  Expiry: 'expiry',
} as const;
export type WorkerName = (typeof WorkerName)[keyof typeof WorkerName];
export const WORKER_NAMES: readonly WorkerName[] = Object.values(WorkerName);

/** One worker of one process, alive until `untilMs` (epoch ms, its writer's clock). */
export interface Heartbeat {
  processId: string;
  worker: WorkerName;
  untilMs: number;
}

/**
 * Which processes run which job workers, as each process says itself: every few seconds it
 * beats, saying that its workers run until a time a little ahead; a process that stops beating
 * (killed, cut off from Redis) drops out once that time has passed. Promises:
 * - `beat` replaces the process's previous beat whole (its workers and its time);
 * - `alive(nowMs)` returns every beat of any process that lasts past `nowMs`, in one read (one
 *   Redis round trip: what /healthz pays per call);
 * - `withdraw` removes a process's beat at once (a clean stop).
 * Not promised: that a worker listed is busy or idle, agreement between machines' clocks beyond
 * a beat's margin (its time is its writer's clock), or any memory of beats long past.
 */
export interface WorkerHeartbeats {
  beat(processId: string, workers: readonly WorkerName[], untilMs: number): Promise<void>;
  alive(nowMs: number): Promise<Heartbeat[]>;
  withdraw(processId: string): Promise<void>;
}

/** The sorted set under the prefix: member `worker|processId`, score the beat's `untilMs`. */
export const HEARTBEATS_KEY = 'workers:heartbeats' as const;
/** Beats that passed this long before the newest are removed when it is written. */
const FORGET_AFTER_MS = 3_600_000;
/** The whole set goes when nobody has beaten for this long. */
const KEY_TTL_MS = 86_400_000;

const SEPARATOR = '|';

export function checkProcessId(processId: string): void {
  if (processId === '' || processId.includes(SEPARATOR)) {
    throw new RangeError(
      `a worker's process id is not empty and holds no "${SEPARATOR}"; not ${JSON.stringify(processId)}`,
    );
  }
}

const memberSchema = z
  .string()
  .regex(/^[a-z]+\|.+$/, { message: 'not worker|process' })
  .transform((member) => {
    const at = member.indexOf(SEPARATOR);
    return { worker: member.slice(0, at), processId: member.slice(at + 1) };
  })
  .pipe(
    z.object({
      worker: z.enum(WORKER_NAMES as [WorkerName, ...WorkerName[]]),
      processId: z.string(),
    }),
  );

export function createWorkerHeartbeats(redis: Redis, keys: RedisKeys): WorkerHeartbeats {
  const key = keys.custom(HEARTBEATS_KEY);
  const membersOf = (processId: string) =>
    WORKER_NAMES.map((worker) => `${worker}${SEPARATOR}${processId}`);
  return {
    async beat(processId, workers, untilMs) {
      checkProcessId(processId);
      const scored = workers.flatMap((worker) => [untilMs, `${worker}${SEPARATOR}${processId}`]);
      const multi = redis.multi().zrem(key, ...membersOf(processId));
      if (scored.length > 0) multi.zadd(key, ...scored);
      await multi
        .zremrangebyscore(key, '-inf', `(${untilMs - FORGET_AFTER_MS}`)
        .pexpire(key, KEY_TTL_MS)
        .exec();
    },
    async alive(nowMs) {
      const flat = await redis.zrangebyscore(key, `(${nowMs}`, '+inf', 'WITHSCORES');
      const beats: Heartbeat[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const at = { key, what: 'worker heartbeat' };
        const { worker, processId } = parseStoredRecord(memberSchema, flat[i], at);
        beats.push({ processId, worker, untilMs: Number(flat[i + 1]) });
      }
      return beats;
    },
    async withdraw(processId) {
      await redis.zrem(key, ...membersOf(processId));
    },
  };
}
