/**
 * Redis itself dies (SIGKILL) in the middle of a failover and comes back on the same port from
 * its append-only file, as a production Redis with AOF would. The workers reconnect, and the
 * operation still finishes once: one restore job per resource, one DNS change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJobs } from '../../jobs';
import { freePort, startRedisChild, type RedisChild } from '../../src/sandbox/redis-child';
import {
  FAST_WORKER_OPTIONS,
  HOUR_MS,
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from '../operations/support/operation-fixtures';
import { eventually, sleep } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import { botHarness, type BotHarness } from '../bot/support/bot-harness';

/** Every write on disk before it is acknowledged, so a SIGKILL loses nothing acknowledged. */
const ARGS = ['--appendfsync', 'always'] as const;

/** Kills the Redis child with SIGKILL and waits for it to be gone. */
async function killRedis(redis: RedisChild): Promise<void> {
  process.kill(redis.pid ?? 0, 'SIGKILL');
  await redis.stop();
}

describe('Redis killed and restarted during a failover', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-redis-'));
  let redis: RedisChild;
  let h: Harness;
  let workers: { close(): Promise<void> } | undefined;

  afterAll(async () => {
    await workers?.close();
    await h?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('the workers reconnect and the failover finishes once', async () => {
    const port = await freePort();
    redis = await startRedisChild({ dir, port, args: ARGS });
    h = await createHarness({
      name: 'redis-restart',
      jobMs: 1_000,
      pollMs: 100,
      redisUrl: redis.url,
    });
    workers = await startJobs(h.deps, h.infra, {
      sides: ['operations'],
      operations: FAST_WORKER_OPTIONS,
    });
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });

    // Killed while the restores run in AWS and the job polls them.
    await eventually(
      async () => ((await snapshot(h)).restoreJobs.length === 3 ? true : undefined),
      { what: 'the three restores to start' },
    );
    await killRedis(redis);
    await sleep(1_500);
    redis = await startRedisChild({ dir, port, args: ARGS });

    const op = await waitForFinal(h, approved.id, 30_000);
    expect(op.state).toBe('succeeded');
    const s = await snapshot(h);
    expect(s.restoreJobs).toHaveLength(3);
    expect(new Set(s.restoreJobs.map((j) => j.resourceArn)).size).toBe(3);
    expect(s.changes).toHaveLength(1);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euc1.example.com']);
    expect((await h.deps.environments.get('shop-prod')).activeRegion).toBe('eu-central-1');
  }, 60_000);
});

describe('the bot while its Redis is down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-redis-'));
  let redis: RedisChild;
  let h: BotHarness;

  afterAll(async () => {
    await h?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('answers /healthz with 503, tells a user their command waits, and runs it when Redis is back', async () => {
    const port = await freePort();
    redis = await startRedisChild({ dir, port, args: ARGS });
    h = await botHarness('redis-bot', {}, { realClock: true, redisUrl: redis.url });
    const health = async () => {
      const response = await fetch(`${h.internalUrl}/healthz`, {
        signal: AbortSignal.timeout(2_500),
      });
      return { status: response.status, body: (await response.json()) as { redis?: string } };
    };
    expect((await health()).body.redis).toBe('ok');

    await killRedis(redis);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.redis).toMatch(/^unreachable/);

    // Slack gets its acknowledgement at once; the user hears why nothing else comes yet.
    expect((await h.command('status shop-prod', 'U0ALICE')).status).toBe(200);
    const notice = await h.nextEphemeral('U0ALICE', 1);
    expect(notice).toContain('cannot reach its Redis');
    expect(notice).toContain('`/dr status shop-prod` waits');

    redis = await startRedisChild({ dir, port, args: ARGS });
    const answer = await h.nextEphemeral('U0ALICE', 2);
    expect(answer).not.toContain('Redis');
    // The endpoints' own connection comes back on its own reconnect schedule (at most 2 s apart).
    await eventually(async () => ((await health()).body.redis === 'ok' ? true : undefined), {
      what: '/healthz to see Redis again',
    });
  }, 60_000);
});
