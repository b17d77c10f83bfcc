import { redisKeys, type RedisKeys } from '../../src/redis/redis-keys';
import { deletePrefix, testRedis, uniquePrefix } from './redis-prefix';

/**
 * One Redis connection for a store's test file and a fresh key prefix for every `keys()`, so
 * each test starts from nothing; `close` deletes every prefix handed out.
 */
export function redisStorePrefixes(name: string) {
  const redis = testRedis();
  const prefixes: string[] = [];
  return {
    redis,
    keys(): RedisKeys {
      const prefix = uniquePrefix(name);
      prefixes.push(prefix);
      return redisKeys(prefix);
    },
    async close(): Promise<void> {
      for (const prefix of prefixes) await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
