import type { Redis } from 'ioredis';
import { systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config/config';
import { createAwsPorts } from './create-aws-ports';
import { createLifeboatDeps, type AwsPorts, type LifeboatDeps } from './lifeboat-deps';
import { createLogger, type Logger } from './logger';
import { createRedis } from './redis/create-redis';
import type { Settings } from './settings';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface Runtime {
  deps: LifeboatDeps;
  close(): Promise<void>;
}

/**
 * The composition root shared by `npm start`, `npm run bot` and `npm run worker`: configuration,
 * clock, logger, Redis, the AWS ports and the stores, built once from the settings.
 */
export async function createRuntime(
  settings: Settings,
  overrides: {
    clock?: Clock;
    config?: Config;
    logger?: Logger;
    redis?: Redis;
    aws?: AwsPorts;
  } = {},
): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger(settings.logLevel);
  const config = overrides.config ?? loadConfig(settings.configPath);
  const redis = overrides.redis ?? createRedis(settings.redisUrl ?? DEFAULT_REDIS_URL);
  const aws =
    overrides.aws ??
    createAwsPorts(settings.awsEndpointUrl ? { endpoint: settings.awsEndpointUrl } : {});
  const deps = createLifeboatDeps({
    config,
    clock: overrides.clock ?? systemClock,
    logger,
    redis,
    prefix: settings.prefix,
    pollMs: settings.pollMs,
    aws,
  });
  return {
    deps,
    async close() {
      await deps.queues.close();
      if (!overrides.redis) await redis.quit().catch(() => undefined);
    },
  };
}
