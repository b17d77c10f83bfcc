import { LifeboatError } from '../../src/errors';
import { createWorkerHeartbeats, HEARTBEATS_KEY } from '../../src/store/worker-heartbeats';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeWorkerHeartbeatsContract } from '../ports/contracts/worker-heartbeats-contract';

const stores = redisStorePrefixes('heartbeats');
afterAll(() => stores.close());

describeWorkerHeartbeatsContract('Redis', () =>
  createWorkerHeartbeats(stores.redis, stores.keys()),
);

describe('WorkerHeartbeats in Redis', () => {
  const T0 = Date.parse('2026-03-01T12:00:00.000Z');

  it('keeps the beats in one sorted set under the prefix, which goes when nobody beats for a day', async () => {
    const keys = stores.keys();
    await createWorkerHeartbeats(stores.redis, keys).beat('host-a:1', ['operations'], T0);
    const key = keys.custom(HEARTBEATS_KEY);
    expect(await stores.redis.zrange(key, '0', '-1', 'WITHSCORES')).toEqual([
      'operations|host-a:1',
      String(T0),
    ]);
    const ttlMs = await stores.redis.pttl(key);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(86_400_000);
  });

  it('forgets beats that passed more than an hour before the newest', async () => {
    const keys = stores.keys();
    const beats = createWorkerHeartbeats(stores.redis, keys);
    await beats.beat('gone:1', ['operations'], T0);
    await beats.beat('here:2', ['operations'], T0 + 3_600_001);
    expect(await stores.redis.zrange(keys.custom(HEARTBEATS_KEY), '0', '-1')).toEqual([
      'operations|here:2',
    ]);
  });

  it('names the key of a beat it cannot read', async () => {
    const keys = stores.keys();
    const key = keys.custom(HEARTBEATS_KEY);
    await stores.redis.zadd(key, T0 + 10_000, 'janitor|host-a:1');
    const read = createWorkerHeartbeats(stores.redis, keys).alive(T0);
    await expect(read).rejects.toThrow(LifeboatError);
    await expect(read).rejects.toThrow(`worker heartbeat stored at ${key}`);
  });
});
