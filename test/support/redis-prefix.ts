import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own for one test file, so suites share one Redis without touching each other. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under a prefix (SCAN, never KEYS). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

/**
 * A Redis connection and a key prefix of its own for one describe block: connected before its
 * tests, its keys deleted and the connection closed after them.
 */
export function redisForSuite(name: string): { redis: () => Redis; prefix: string } {
  let redis: Redis | undefined;
  const prefix = uniquePrefix(name);
  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    if (!redis) return;
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });
  return {
    redis: () => {
      if (!redis) throw new Error('redisForSuite: used outside a test');
      return redis;
    },
    prefix,
  };
}
