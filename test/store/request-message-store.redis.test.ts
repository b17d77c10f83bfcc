import type { Redis } from 'ioredis';
import { redisKeys } from '../../src/redis/redis-keys';
import {
  createRequestMessageStore,
  UNPOSTED_NOTICE_TTL_S,
} from '../../src/store/request-message-store';
import { requestMessageStoreContract } from '../ports/contracts/request-message-store-contract';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';

describe('the request message store in Redis', () => {
  let redis: Redis;
  let prefix: string;
  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
  });
  afterAll(async () => {
    await redis.quit();
  });

  requestMessageStoreContract(() => {
    prefix = uniquePrefix('request-messages');
    return Promise.resolve({
      store: createRequestMessageStore(redis, redisKeys(prefix)),
      // Redis expires the key itself; the contract waits for it.
      lapse: () => undefined,
    });
  });

  it('keeps the keys a bot of the previous version uses, so both can run during a deploy', async () => {
    prefix = uniquePrefix('request-messages');
    const store = createRequestMessageStore(redis, redisKeys(prefix));
    expect(await store.claimPosting('op-1', 'host-1', 60_000)).toBe(true);
    expect(await redis.get(`${prefix}:slack:posting:op-1`)).toBe('host-1');
    expect(await redis.pttl(`${prefix}:slack:posting:op-1`)).toBeGreaterThan(50_000);
    expect(await store.claimUnpostedNotice('op-1')).toBe(true);
    expect(await redis.ttl(`${prefix}:slack:unposted:op-1`)).toBeGreaterThan(
      UNPOSTED_NOTICE_TTL_S - 60,
    );
  });
});
