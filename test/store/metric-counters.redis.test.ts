import { LifeboatError } from '../../src/errors';
import { createMetricCounters, STATS } from '../../src/store/metric-counters';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeMetricCountersContract } from '../ports/contracts/metric-counters-contract';

const stores = redisStorePrefixes('counters');
afterAll(() => stores.close());

describeMetricCountersContract('Redis', () => createMetricCounters(stores.redis, stores.keys()));

describe('MetricCounters in Redis', () => {
  it('names the key and field of a count that is not a number', async () => {
    const keys = stores.keys();
    const key = keys.custom(STATS.operations);
    await stores.redis.hset(key, 'failover:succeeded', 'many');
    const read = createMetricCounters(stores.redis, keys).operationCounts();
    await expect(read).rejects.toThrow(LifeboatError);
    await expect(read).rejects.toThrow(`${key} (field failover:succeeded)`);
  });
});
