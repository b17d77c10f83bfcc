import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../src/clock';
import { parseConfig, type Config } from '../../src/config/config';
import { createConfigSource, type ReplaceableConfigSource } from '../../src/config/config-source';
import { createAwsPorts } from '../../src/create-aws-ports';
import { createInfra, type Infra } from '../../src/create-infra';
import { createAwsEmulator, type AwsEmulator } from '../../src/emulator';
import { createLifeboatDeps, type LifeboatDeps } from '../../src/lifeboat-deps';
import { createLogger } from '../../src/logger';
import { createRedis } from '../../src/redis/create-redis';
import { deletePrefix, testRedis, TEST_REDIS_URL, uniquePrefix } from './redis-prefix';

export const SANDBOX_CONFIG_PATH = join(__dirname, '../../config/sandbox.yaml');
export const TEST_AWS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export function configFrom(yaml: string): Config {
  const result = parseConfig(yaml);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export function sandboxConfig(): Config {
  return configFrom(readFileSync(SANDBOX_CONFIG_PATH, 'utf8'));
}

export interface Harness {
  deps: LifeboatDeps;
  /** Redis and the queues as such, as the edges see them. */
  infra: Infra;
  config: Config;
  /** What `deps.config.current()` reads: replace it to put another configuration in force. */
  configSource: ReplaceableConfigSource;
  prefix: string;
  redisUrl: string;
  emulator: AwsEmulator;
  /** The emulator's URL: AWS_ENDPOINT_URL for child processes. */
  url: string;
  /** Calls the emulator's control API and returns its JSON. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** GET /_sandbox/state. */
  state(): Promise<Record<string, unknown>>;
  /** Environment variables that point a child process (worker, bot) at this harness. */
  childEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Real parts for integration tests: the AWS emulator on a free port, the real SDK adapters pointed
 * at it, a real Redis under a key prefix of this harness's own, and the real stores and queues.
 */
export async function createHarness(
  options: {
    configYaml?: string;
    config?: Config;
    jobMs?: number;
    pollMs?: number;
    clock?: Clock;
    name?: string;
    /** Another Redis than the shared test server (one the test may kill and restart). */
    redisUrl?: string;
  } = {},
): Promise<Harness> {
  const config =
    options.config ?? (options.configYaml ? configFrom(options.configYaml) : sandboxConfig());
  const jobMs = options.jobMs ?? 100;
  const pollMs = options.pollMs ?? 50;
  const emulator = createAwsEmulator({
    config,
    jobMs,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const running = await emulator.listen(0);
  const prefix = uniquePrefix(options.name ?? 'h');
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis: Redis = options.redisUrl ? createRedis(options.redisUrl) : testRedis();
  const aws = createAwsPorts({
    endpoint: running.url,
    credentials: TEST_AWS_CREDENTIALS,
    maxAttempts: 3,
    connectionTimeoutMs: 1_000,
    requestTimeoutMs: 5_000,
  });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const infra = createInfra({ redis, prefix, logger });
  const configSource = createConfigSource(config);
  const deps = createLifeboatDeps(
    { config: configSource, clock: options.clock ?? systemClock, logger, pollMs, aws },
    infra,
  );

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  return {
    deps,
    infra,
    config,
    configSource,
    prefix,
    redisUrl,
    emulator,
    url: running.url,
    control,
    async state() {
      return (await control('GET', '/_sandbox/state')).json as Record<string, unknown>;
    },
    childEnv(extra = {}) {
      return {
        ...process.env,
        REDIS_URL: redisUrl,
        DR_PREFIX: prefix,
        AWS_ENDPOINT_URL: running.url,
        AWS_ACCESS_KEY_ID: TEST_AWS_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_AWS_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'us-east-1',
        DR_POLL_MS: String(pollMs),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...extra,
      };
    },
    async close() {
      await infra.queues.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await running.close();
    },
  };
}
