import { createOnceClaims } from '../../src/store/once-claims';
import { eventually } from '../support/eventually';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import { describeOnceClaimsContract } from '../ports/contracts/once-claims-contract';

const stores = redisStorePrefixes('once');
afterAll(() => stores.close());

describeOnceClaimsContract('Redis', () => {
  const keys = stores.keys();
  return {
    once: createOnceClaims(stores.redis, keys),
    // Redis expires the key itself: wait until it is gone.
    runOut: async (name) => {
      await eventually(
        async () => ((await stores.redis.exists(keys.custom(name))) === 0 ? true : undefined),
        { what: `the claim of ${name} to run out` },
      );
    },
  };
});

describe('OnceClaims in Redis', () => {
  it('keeps the name at <prefix>:<name>, expiring after the time claimed', async () => {
    const keys = stores.keys();
    await createOnceClaims(stores.redis, keys).claim('op-finished:op-1', 90 * 24 * 3_600_000);
    const ttlMs = await stores.redis.pttl(`${keys.prefix}:op-finished:op-1`);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(90 * 24 * 3_600_000);
  });
});
