import type { Redis } from 'ioredis';
import { ErrorCode } from '../../src/errors';
import { redisKeys } from '../../src/redis/redis-keys';
import { createEnvironmentLock } from '../../src/store/environment-lock';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';

describe('environment lock: what it reads back is checked', () => {
  let redis: Redis;
  const prefix = uniquePrefix('environment-lock');
  const keys = redisKeys(prefix);

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('refuses a holder that is not an operation id, naming the key', async () => {
    const key = keys.environmentLock('shop-prod');
    await redis.set(key, '');
    const lock = createEnvironmentLock(redis, keys);
    const error = expect.objectContaining({
      code: ErrorCode.StoredRecordInvalid,
      meta: { key },
      message: expect.stringContaining(
        `${key} cannot be read ("" is not an operation id)`,
      ) as unknown,
    }) as unknown;
    await expect(lock.holder('shop-prod')).rejects.toEqual(error);
    await expect(lock.acquire('shop-prod', 'op-1')).rejects.toEqual(error);
  });

  it('refuses a key that holds another kind of Redis value', async () => {
    const key = keys.environmentLock('intranet-prod');
    await redis.hset(key, 'holder', 'op-1');
    await expect(createEnvironmentLock(redis, keys).holder('intranet-prod')).rejects.toThrow(
      `${key} cannot be read (the key holds another kind of Redis value)`,
    );
  });
});
