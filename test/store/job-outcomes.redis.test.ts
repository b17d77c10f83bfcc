import { LifeboatError } from '../../src/errors';
import { backupKeys } from '../../src/store/backup-keys';
import { createJobOutcomes } from '../../src/store/job-outcomes';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeJobOutcomesContract } from '../ports/contracts/job-outcomes-contract';

const stores = redisStorePrefixes('job-outcomes');
afterAll(() => stores.close());

describeJobOutcomesContract('Redis', () => createJobOutcomes(stores.redis, stores.keys()));

describe('JobOutcomes in Redis', () => {
  it.each([
    ['is not JSON', '{"kind":'],
    [
      'lacks its run',
      JSON.stringify({ kind: 'copy', state: 'FAILED', region: 'eu-west-1', at: 'x' }),
    ],
    [
      'is of no known kind',
      JSON.stringify({ kind: 'restore', state: 'FAILED', region: 'r', runId: 'r', at: 'x' }),
    ],
  ])('names the key and the resource of an outcome that %s', async (_what, json) => {
    const keys = stores.keys();
    const key = backupKeys(keys).outcomes('shop-prod');
    await stores.redis.hset(key, 'arn:aws:rds:eu-west-1:111122223333:db:shop', json);
    const read = createJobOutcomes(stores.redis, keys).all('shop-prod');
    await expect(read).rejects.toThrow(LifeboatError);
    await expect(read).rejects.toThrow(`${key} (field arn:aws:rds:eu-west-1:111122223333:db:shop)`);
  });
});
