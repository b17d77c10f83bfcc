import type { Redis } from 'ioredis';
import { fakeClock } from '../../src/clock';
import { ErrorCode } from '../../src/errors';
import { redisKeys } from '../../src/redis/redis-keys';
import { createEnvironmentStateStore } from '../../src/store/environment-state-store';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';
import { sandboxConfig } from '../core/support/fixtures';

describe('environment state store: what it reads back is checked', () => {
  let redis: Redis;
  const prefix = uniquePrefix('environment-state-store');
  const keys = redisKeys(prefix);
  const config = sandboxConfig();
  const states = () => createEnvironmentStateStore(redis, keys, () => config, fakeClock());

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('refuses a state of the wrong shape, naming its key, from get and update', async () => {
    const key = keys.environmentState('shop-prod');
    await redis.set(key, JSON.stringify({ environment: 'shop-prod', activeRegion: 42 }));
    const error = expect.objectContaining({
      code: ErrorCode.StoredRecordInvalid,
      meta: { key },
      message: expect.stringMatching(new RegExp(`${key}.*activeRegion`)) as unknown,
    }) as unknown;
    await expect(states().get('shop-prod')).rejects.toEqual(error);
    await expect(states().update('shop-prod', (s) => s)).rejects.toEqual(error);
  });

  it('refuses a state that is not JSON', async () => {
    const key = keys.environmentState('shop-prod');
    await redis.set(key, 'eu-west-1');
    await expect(states().get('shop-prod')).rejects.toThrow(`${key} cannot be read (not JSON`);
  });

  it('reads a state without a drill yet, and keeps fields it does not know', async () => {
    const record = {
      environment: 'shop-prod',
      activeRegion: 'eu-central-1',
      protectionRegion: 'eu-west-1',
      resources: {},
      updatedAt: '2026-03-01T00:00:00.000Z',
      futureField: 1,
    };
    await redis.set(keys.environmentState('shop-prod'), JSON.stringify(record));
    expect(await states().get('shop-prod')).toMatchObject({
      activeRegion: 'eu-central-1',
      futureField: 1,
    });
  });
});
