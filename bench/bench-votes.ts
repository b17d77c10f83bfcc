import { redisKeys } from '../src/redis/redis-keys';
import { createOperationStore } from '../src/store/operation-store';
import { deletePrefix, testRedis, uniquePrefix } from '../test/support/redis-prefix';
import { requestedOp } from '../test/core/support/fixtures';
import { measure, row, type BenchRow } from './measure';

/**
 * Recording a vote (an atomic compare-and-set of the operation in Redis), against the least a
 * read-modify-write costs: one HGET and one HSET round trip on the same connection.
 */
export async function benchVotes(): Promise<BenchRow> {
  const redis = testRedis();
  const prefix = uniquePrefix('bench-votes');
  const keys = redisKeys(prefix);
  const store = createOperationStore(redis, keys);
  const op = requestedOp({
    id: 'op-bench',
    requestedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await store.create(op);
  let n = 0;
  const subject = await measure(
    () =>
      store.update(op.id, (current) => ({
        op: { ...current, progress: { dnsChangeId: `change-${++n}` } },
      })),
    { samples: 300 },
  );
  const baseline = await measure(
    async () => {
      const json = await redis.hget(keys.operation(op.id), 'json');
      await redis.hset(keys.custom('bench-baseline'), 'json', json ?? '');
    },
    { samples: 300 },
  );
  await deletePrefix(redis, prefix);
  redis.disconnect();
  return row('vote recorded (compare-and-set)', 'HGET + HSET round trips', subject, baseline);
}
