/**
 * The operator endpoints on a port of their own, against Redis servers of this test's own: one
 * that hangs (SIGSTOP), one that accepts and never says a word, one that is gone, and a healthy
 * one with every worker running, whose command counts show what a /healthz costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { startJobs, type RunningJobs } from '../../jobs';
import { fakeClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import {
  startOperatorServer,
  type RunningOperatorServer,
} from '../../src/metrics/start-operator-server';
import { createRedis } from '../../src/redis/create-redis';
import { redisKeys } from '../../src/redis/redis-keys';
import { freePort, startRedisChild, type RedisChild } from '../../src/sandbox/redis-child';
import { WORKER_NAMES } from '../../src/store/worker-heartbeats';
import { eventually } from '../support/eventually';
import { createHarness, sandboxConfig, type Harness } from '../support/harness';

/** The endpoints promise an answer within 2 s; the client gives up a little later. */
const CLIENT_TIMEOUT_MS = 2_500;
const logger = createLogger('silent');
const config = sandboxConfig();

/** GET `url`; throws (TimeoutError) when no answer came within CLIENT_TIMEOUT_MS. */
async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}

/** Both endpoints answer in time: /healthz 503 naming Redis, /metrics what it has without Redis. */
async function expectAnswersWithoutRedis(server: RunningOperatorServer): Promise<void> {
  const [health, metrics] = await Promise.all([
    get(`${server.url}/healthz`),
    get(`${server.url}/metrics`),
  ]);
  expect(health.status).toBe(503);
  expect(JSON.parse(health.text)).toMatchObject({
    status: 'unhealthy',
    redis: expect.stringMatching(/^unreachable: /),
  });
  expect(metrics.status).toBe(200);
  expect(metrics.text).toContain('lifeboat_rpo_target_seconds{environment="shop-prod"} 14400');
  expect(metrics.text).toContain('lifeboat_process_process_resident_memory_bytes');
  expect(metrics.text).toContain('lifeboat_redis_up 0');
  expect(metrics.text).not.toContain('lifeboat_operations_total{');
}

function operatorOn(redis: Redis, prefix = 'ops-unanswered') {
  return startOperatorServer(
    { redis, keys: redisKeys(prefix), clock: fakeClock(), logger, getConfig: () => config },
    { port: 0, host: '127.0.0.1' },
  );
}

describe('operator endpoints while Redis does not answer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-ops-'));
  let redis: RedisChild | undefined;
  let client: Redis | undefined;
  let server: RunningOperatorServer | undefined;
  let silent: Server | undefined;
  let paused: number | undefined;
  const sockets = new Set<Socket>();

  afterEach(async () => {
    if (paused !== undefined) process.kill(paused, 'SIGCONT');
    paused = undefined;
    await server?.close();
    client?.disconnect();
    await redis?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
    server = undefined;
    client = undefined;
    redis = undefined;
    silent = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers both within 2 s while Redis hangs (a redis-server stopped with SIGSTOP)', async () => {
    redis = await startRedisChild({ dir });
    client = createRedis(redis.url);
    server = await operatorOn(client);
    expect((await get(`${server.url}/metrics`)).text).toContain('lifeboat_redis_up 1');

    paused = redis.pid ?? 0;
    process.kill(paused, 'SIGSTOP');
    await expectAnswersWithoutRedis(server);
    // Again: nothing left over from the first calls holds the next ones up.
    await expectAnswersWithoutRedis(server);
  });

  it('answers both within 2 s when Redis accepts the connection and never says a word', async () => {
    const port = await freePort();
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent?.listen(port, '127.0.0.1', resolve));
    client = createRedis(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    server = await operatorOn(client);
    await expectAnswersWithoutRedis(server);
  });

  it('answers both within 2 s when Redis is gone', async () => {
    redis = await startRedisChild({ dir });
    client = createRedis(redis.url);
    client.on('error', () => undefined);
    server = await operatorOn(client);
    await redis.stop();
    await expectAnswersWithoutRedis(server);
  });

  it('answers 404 to anything else', async () => {
    redis = await startRedisChild({ dir });
    client = createRedis(redis.url);
    server = await operatorOn(client);
    expect((await get(`${server.url}/slack/events`)).status).toBe(404);
    expect((await get(`${server.url}/`)).status).toBe(404);
  });

  it('stops start-up in one line naming INTERNAL_PORT when its port is taken', async () => {
    redis = await startRedisChild({ dir });
    client = createRedis(redis.url);
    server = await operatorOn(client);
    await expect(
      startOperatorServer(
        {
          redis: client,
          keys: redisKeys('ops-taken'),
          clock: fakeClock(),
          logger,
          getConfig: () => config,
        },
        { port: server.port, host: '127.0.0.1' },
      ),
    ).rejects.toThrow(
      new RegExp(`^INTERNAL_PORT ${server.port} is taken on 127\\.0\\.0\\.1: set INTERNAL_PORT`),
    );
  });
});

describe('/healthz with every worker running', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-ops-'));
  let redis: RedisChild;
  let h: Harness;
  let workers: RunningJobs | undefined;
  let worker: RunningOperatorServer | undefined;
  let bot: RunningOperatorServer | undefined;

  afterAll(async () => {
    await bot?.close();
    await worker?.close();
    await workers?.close();
    await h?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('is 200 from the workers’ heartbeats, and asks Redis no CLIENT LIST for it', async () => {
    redis = await startRedisChild({ dir });
    h = await createHarness({ name: 'ops-healthy', redisUrl: redis.url });
    const runtime = {
      redis: h.infra.redis,
      keys: h.infra.keys,
      clock: h.deps.clock,
      logger,
      getConfig: () => h.deps.config.current(),
    };
    workers = await startJobs(h.deps, h.infra);
    // A worker process serves them too, and beats for its workers; the bot only reads.
    worker = await startOperatorServer(runtime, {
      port: 0,
      host: '127.0.0.1',
      workers: WORKER_NAMES,
    });
    bot = await startOperatorServer(runtime, { port: 0, host: '127.0.0.1' });

    const healthy = await get(`${bot.url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.text)).toEqual({
      status: 'ok',
      redis: 'ok',
      workers: { operations: 1, backups: 1, monitor: 1, expiry: 1 },
    });
    expect(JSON.parse((await get(`${worker.url}/healthz`)).text)).toMatchObject({
      status: 'ok',
      process: 'beating',
    });

    await h.infra.redis.config('RESETSTAT');
    for (let i = 0; i < 5; i += 1) expect((await get(`${bot.url}/healthz`)).status).toBe(200);
    const stats = await h.infra.redis.info('commandstats');
    expect(stats).not.toMatch(/cmdstat_client\|list:/);
    // The count would have seen one: here is one, counted.
    await h.infra.redis.client('LIST');
    expect(await h.infra.redis.info('commandstats')).toMatch(/cmdstat_client\|list:calls=1,/);

    // A worker process that stops says so at once: its beat is withdrawn.
    await worker.close();
    worker = undefined;
    const after = await eventually(async () => {
      const answer = await get(`${bot?.url}/healthz`);
      return answer.status === 503 ? answer : undefined;
    });
    expect(JSON.parse(after.text)).toMatchObject({
      workers: { operations: 0, backups: 0, monitor: 0, expiry: 0 },
      problem: expect.stringContaining('npm run worker'),
    });
  }, 60_000);
});
