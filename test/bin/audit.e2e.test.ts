import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { parseAuditArgs } from '../../src/approval/parse-audit-args';
import { redisKeys } from '../../src/redis/redis-keys';
import { createAuditLog } from '../../src/store/audit-log';
import { deletePrefix, testRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis-prefix';

const run = promisify(execFile);
const NOW = Date.parse('2026-03-08T00:00:00Z');

describe('npm run audit', () => {
  it('reads --since as a duration or a date, and the filters', () => {
    expect(parseAuditArgs(['--since', '7d'], NOW)).toEqual({
      ok: true,
      args: { since: '2026-03-01T00:00:00.000Z', limit: 100_000 },
    });
    expect(
      parseAuditArgs(
        ['--since=2026-02-01T00:00:00Z', '--env', 'shop-prod', '--op', 'op-1', '--limit', '5'],
        NOW,
      ),
    ).toEqual({
      ok: true,
      args: {
        since: '2026-02-01T00:00:00.000Z',
        environment: 'shop-prod',
        operationId: 'op-1',
        limit: 5,
      },
    });
    expect(parseAuditArgs(['--since', 'last week'], NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('usage'),
    });
    expect(parseAuditArgs(['--verbose'], NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown argument --verbose'),
    });
    expect(parseAuditArgs(['--since'], NOW)).toMatchObject({ ok: false });
  });

  it('reads --verify alone', () => {
    expect(parseAuditArgs(['--verify'], NOW)).toEqual({
      ok: true,
      args: { limit: 100_000, verify: true },
    });
    expect(parseAuditArgs(['--verify', '--env', 'shop-prod'], NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('takes no --env'),
    });
    expect(parseAuditArgs(['--verify=yes'], NOW)).toMatchObject({ ok: false });
  });

  it('prints the audit log as JSON lines, oldest first', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix('audit');
    const audit = createAuditLog(redis, redisKeys(prefix));
    try {
      await audit.append({
        type: 'command',
        actor: 'U0ALICE',
        at: new Date().toISOString(),
        summary: '/dr status',
      });
      await audit.append({
        type: 'vote',
        actor: 'U0BOB',
        at: new Date().toISOString(),
        environment: 'shop-prod',
        operationId: 'op-1',
        summary: 'approved',
      });
      const { stdout } = await run(
        join(__dirname, '../../node_modules/.bin/tsx'),
        ['src/bin/audit.ts', '--since', '7d'],
        {
          cwd: join(__dirname, '../..'),
          env: { ...process.env, REDIS_URL: TEST_REDIS_URL, DR_PREFIX: prefix },
        },
      );
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; actor: string });
      expect(lines.map((l) => [l.type, l.actor])).toEqual([
        ['command', 'U0ALICE'],
        ['vote', 'U0BOB'],
      ]);
    } finally {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('--verify says the chain is intact, or names the entry removed from it', async () => {
    const redis = testRedis();
    const prefix = uniquePrefix('audit-verify');
    const keys = redisKeys(prefix);
    const audit = createAuditLog(redis, keys);
    const verify = () =>
      run(join(__dirname, '../../node_modules/.bin/tsx'), ['src/bin/audit.ts', '--verify'], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, REDIS_URL: TEST_REDIS_URL, DR_PREFIX: prefix },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    try {
      const ids: string[] = [];
      for (const summary of ['/dr status', '/dr failover shop-prod', 'approved']) {
        const result = await audit.append({
          type: 'command',
          actor: 'U0ALICE',
          at: new Date().toISOString(),
          summary,
        });
        if (result.status === 'written') ids.push(result.id);
      }
      const intact = await verify();
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(
        new RegExp(`^chain intact: 3 entries from \\S+ \\(${ids[0]}\\) to \\S+ \\(${ids[2]}\\)`),
      );

      await redis.xdel(keys.audit, ids[1] as string);
      const broken = await verify();
      expect(broken.code).toBe(2);
      expect(broken.stdout).toContain(`chain broken at `);
      expect(broken.stdout).toContain(`(${ids[2]}): removed entry`);
      expect(broken.stdout).toContain(ids[1]);
    } finally {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });
});
