import { LifeboatError } from '../../src/errors';
import { createExposureStore } from '../../src/store/exposure-store';
import { redisStorePrefixes } from '../support/redis-store-prefixes';
import {
  bareExposure,
  describeExposureStoreContract,
} from '../ports/contracts/exposure-store-contract';

const stores = redisStorePrefixes('exposures');
afterAll(() => stores.close());

describeExposureStoreContract('Redis', () => createExposureStore(stores.redis, stores.keys()));

describe('ExposureStore in Redis', () => {
  const { computedAt: _computedAt, ...undated } = bareExposure();
  it.each([
    ['is not JSON', 'not json'],
    ['lacks when it was computed', JSON.stringify(undated)],
    ['has an unknown status', JSON.stringify({ ...bareExposure(), status: 'fine' })],
  ])('names the key of a measurement that %s', async (_what, json) => {
    const keys = stores.keys();
    await stores.redis.set(keys.exposure('shop-prod'), json);
    const read = createExposureStore(stores.redis, keys).get('shop-prod');
    await expect(read).rejects.toThrow(LifeboatError);
    await expect(read).rejects.toThrow(keys.exposure('shop-prod'));
  });

  it('keeps parts it does not know, as written', async () => {
    const keys = stores.keys();
    const written = { ...bareExposure(), drillDueAt: '2026-04-01T00:00:00.000Z' };
    await stores.redis.set(keys.exposure('shop-prod'), JSON.stringify(written));
    expect(await createExposureStore(stores.redis, keys).get('shop-prod')).toEqual(written);
  });
});
