import type { Redis } from 'ioredis';
import { redisKeys } from '../../src/redis/redis-keys';
import { createAuditLog } from '../../src/store/audit-log';
import type { RawAuditRecord } from '../../src/store/audit-record';
import { describeAuditLogContract } from '../ports/contracts/audit-log-contract';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';

function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

describeAuditLogContract('Redis', async () => {
  const redis = testRedis();
  const prefix = uniquePrefix('audit-log');
  const keys = redisKeys(prefix);
  const connections: Redis[] = [redis];
  const records = async (): Promise<RawAuditRecord[]> =>
    (await redis.xrange(keys.audit, '-', '+')).map(([id, flat]) => ({
      id,
      fields: fieldsOf(flat),
    }));
  /** Streams cannot change an entry in place: a forger writes the whole stream again. */
  const rewrite = async (all: RawAuditRecord[]) => {
    const multi = redis.multi().del(keys.audit);
    for (const r of all) multi.xadd(keys.audit, r.id, ...Object.entries(r.fields).flat());
    for (const [error] of (await multi.exec()) ?? []) if (error) throw error;
  };
  return {
    logs: (count, options) =>
      Array.from({ length: count }, (_, i) => {
        const connection = i === 0 ? redis : testRedis();
        if (i > 0) connections.push(connection);
        return createAuditLog(connection, keys, options);
      }),
    tamper: {
      records,
      rewrite,
      remove: async (id) => {
        await redis.xdel(keys.audit, id);
      },
    },
    close: async () => {
      await deletePrefix(redis, prefix);
      for (const connection of connections) connection.disconnect();
    },
  };
});
