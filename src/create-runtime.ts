import type { Redis } from 'ioredis';
import { createSlackGroupDirectoryForToken } from './adapters/slack/slack-group-directory';
import type { GroupDirectory } from './approval/authorizer';
import { systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config/config';
import { createAwsPorts } from './create-aws-ports';
import { createInfra, type Infra } from './create-infra';
import { createConfigSource, type ReplaceableConfigSource } from './config/config-source';
import { createLifeboatDeps, type AwsPorts, type LifeboatDeps } from './lifeboat-deps';
import { createLogger, type Logger } from './logger';
import { createRedis } from './redis/create-redis';
import type { Settings } from './settings';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface Runtime {
  /** What the use cases get. */
  deps: LifeboatDeps;
  /** Redis and the queues as such: for the edges (jobs' wiring, bot, sandbox) only. */
  infra: Infra;
  /** The configuration in force; only the reloader replaces it. */
  configSource: ReplaceableConfigSource;
  close(): Promise<void>;
}

/**
 * The composition root shared by `npm start`, `npm run bot` and `npm run worker`: configuration,
 * clock, logger, Redis and the queues, the AWS ports, the stores and the queue ports, built once
 * from the settings.
 */
export async function createRuntime(
  settings: Settings,
  overrides: {
    clock?: Clock;
    config?: Config;
    logger?: Logger;
    redis?: Redis;
    aws?: AwsPorts;
    /** User-group members for `deps.authorizer`; default Slack's when a bot token is set. */
    groups?: GroupDirectory;
  } = {},
): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger(settings.logLevel);
  const config = overrides.config ?? loadConfig(settings.configPath);
  const redis = overrides.redis ?? createRedis(settings.redisUrl ?? DEFAULT_REDIS_URL);
  const aws =
    overrides.aws ??
    createAwsPorts(settings.awsEndpointUrl ? { endpoint: settings.awsEndpointUrl } : {});
  const infra = createInfra({ redis, prefix: settings.prefix, logger });
  // The workers check approvals through groups again before an operation runs: they need Slack.
  const groups =
    overrides.groups ??
    (settings.slackBotToken
      ? createSlackGroupDirectoryForToken(settings.slackBotToken, {
          ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
        })
      : undefined);
  const configSource = createConfigSource(config);
  const deps = createLifeboatDeps(
    {
      config: configSource,
      clock: overrides.clock ?? systemClock,
      logger,
      pollMs: settings.pollMs,
      aws,
      ...(groups ? { groups } : {}),
    },
    infra,
  );
  return {
    deps,
    infra,
    configSource,
    async close() {
      await infra.queues.close();
      if (!overrides.redis) await redis.quit().catch(() => undefined);
    },
  };
}
