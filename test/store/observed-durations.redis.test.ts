import { backupKeys } from '../../src/store/backup-keys';
import { createObservedDurations } from '../../src/store/observed-durations';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeObservedDurationsContract } from '../ports/contracts/observed-durations-contract';

const stores = redisStorePrefixes('durations');
afterAll(() => stores.close());

describeObservedDurationsContract('Redis', () =>
  createObservedDurations(stores.redis, stores.keys()),
);

describe('ObservedDurations in Redis', () => {
  it('leaves out an entry that is not a number rather than failing the plan', async () => {
    const keys = stores.keys();
    await stores.redis.rpush(backupKeys(keys).durations('shop-prod'), '60000', 'soon', '90000');
    expect(await createObservedDurations(stores.redis, keys).list('shop-prod')).toEqual([
      60_000, 90_000,
    ]);
  });
});
