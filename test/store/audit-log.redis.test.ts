import type { Redis } from 'ioredis';
import { LifeboatError } from '../../src/errors';
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

describe('AuditLog in Redis, by hand', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('audit-hand');
  const keys = redisKeys(prefix);
  const audit = createAuditLog(redis, keys);
  const at = () => new Date().toISOString();

  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('names an entry XADDed to the stream, and later appends still chain past it', async () => {
    await audit.append({ type: 'command', actor: 'U0ALICE', at: at(), summary: 'one' });
    const forgedEntry = JSON.stringify({
      type: 'vote',
      actor: 'U0MALLORY',
      at: at(),
      summary: 'approved',
    });
    const forged = (await redis.xadd(keys.audit, '*', 'entry', forgedEntry)) as string;
    const after = await audit.append({
      type: 'command',
      actor: 'U0ALICE',
      at: at(),
      summary: 'two',
    });
    expect(after.status).toBe('written');
    expect(await audit.verify()).toMatchObject({
      intact: false,
      entries: 1,
      problem: { id: forged, kind: 'unchained entry' },
    });
    await redis.xdel(keys.audit, forged);
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 2 });
  });

  it('refuses to chain onto a head that does not parse, naming its key', async () => {
    await redis.hset(`${keys.audit}:head`, 'n', 'many');
    const append = audit.append({ type: 'command', actor: 'U0ALICE', at: at(), summary: 'three' });
    await expect(append).rejects.toThrow(LifeboatError);
    await expect(
      audit.append({ type: 'command', actor: 'U0ALICE', at: at(), summary: 'three' }),
    ).rejects.toThrow(`${keys.audit}:head`);
  });
});
