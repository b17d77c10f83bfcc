import { LifeboatError } from '../../src/errors';
import { backupKeys } from '../../src/store/backup-keys';
import { createRpoAlertState } from '../../src/store/rpo-alert-state';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeRpoAlertStateContract } from '../ports/contracts/rpo-alert-state-contract';

const stores = redisStorePrefixes('rpo-alerts');
afterAll(() => stores.close());

describeRpoAlertStateContract('Redis', () => createRpoAlertState(stores.redis, stores.keys()));

describe('RpoAlertState in Redis', () => {
  it('names the key of a stored state that is not a status', async () => {
    const keys = stores.keys();
    const key = backupKeys(keys).alertState('shop-prod');
    await stores.redis.set(key, 'on-fire');
    const read = createRpoAlertState(stores.redis, keys).current('shop-prod');
    await expect(read).rejects.toThrow(LifeboatError);
    await expect(read).rejects.toThrow(key);
  });
});
