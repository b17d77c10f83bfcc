import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { createQueues, type LifeboatQueues } from './queue/create-queues';
import { throttledErrorLog, type ErrorSource } from './queue/throttled-error-log';
import { redisKeys, type RedisKeys } from './redis/redis-keys';

/**
 * Redis and the BullMQ queues as such: seen by the composition root and the edges (the jobs'
 * wiring, the bot, the sandbox, the bins), never by a use case, which gets ports built on them.
 */
export interface Infra {
  /** A shared, non-blocking connection. Blocking readers (workers, event consumers) duplicate it. */
  redis: Redis;
  prefix: string;
  keys: RedisKeys;
  /** The producers' side of every queue; closed by whoever created the infra. */
  queues: LifeboatQueues;
  /** The 'error' listener of every BullMQ queue and worker: logged, and not once per retry. */
  queueErrors: ErrorSource;
}

export function createInfra(input: { redis: Redis; prefix: string; logger: Logger }): Infra {
  const queueErrors = throttledErrorLog(input.logger);
  return {
    redis: input.redis,
    prefix: input.prefix,
    keys: redisKeys(input.prefix),
    queues: createQueues(input.redis, input.prefix, queueErrors),
    queueErrors,
  };
}
