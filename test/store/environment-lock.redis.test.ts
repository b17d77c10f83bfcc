import { ErrorCode } from '../../src/errors';
import { redisKeys } from '../../src/redis/redis-keys';
import { createEnvironmentLock } from '../../src/store/environment-lock';
import { redisForSuite } from '../support/redis-prefix';

describe('environment lock: what it reads back is checked', () => {
  const suite = redisForSuite('environment-lock');
  const keys = redisKeys(suite.prefix);

  it('refuses a holder that is not an operation id, naming the key', async () => {
    const key = keys.environmentLock('shop-prod');
    await suite.redis().set(key, '');
    const lock = createEnvironmentLock(suite.redis(), keys);
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
    await suite.redis().hset(key, 'holder', 'op-1');
    await expect(
      createEnvironmentLock(suite.redis(), keys).holder('intranet-prod'),
    ).rejects.toThrow(`${key} cannot be read (the key holds another kind of Redis value)`);
  });
});
