/**
 * `npm start`. Without SLACK_BOT_TOKEN, and only with no Redis given: the sandbox (its own
 * password-protected Redis, AWS emulator, bot, workers and a Slack-like channel page on PORT, all
 * on SANDBOX_HOST). With the token: the bot and the workers for real, on DR_CONFIG and AWS (or
 * AWS_ENDPOINT_URL). Either way /healthz and /metrics are on INTERNAL_HOST:INTERNAL_PORT (the
 * sandbox's also on its page's port). SIGINT or SIGTERM stops everything within a deadline.
 */
import { resolve } from 'node:path';
import { startJobs } from '../jobs';
import { createConfigReloader } from './config-reloader';
import { createRuntime } from './create-runtime';
import { operatorInput, startOperatorServer } from './metrics/start-operator-server';
import { WORKER_NAMES } from './store/worker-heartbeats';
import { startRedisChild } from './sandbox/redis-child';
import { privateRedisPassword, REDIS_PASSWORD_FILE } from './sandbox/redis-password';
import { startSandbox } from './sandbox/start-sandbox';
import { runProcess } from './run-process';
import { readSettings, type Settings } from './settings';
import { botOptionsFromSettings } from './bot/bot-options-from-settings';
import { startBot } from './bot/start-bot';
import { startMode } from './start-mode';

async function startProduction(settings: Settings): Promise<{ stop(): Promise<void> }> {
  const options = botOptionsFromSettings(settings);
  const runtime = await createRuntime(settings);
  const workers = await startJobs(runtime.deps, runtime.infra);
  const operator = await startOperatorServer(operatorInput(runtime), {
    port: settings.internalPort,
    host: settings.internalHost,
    workers: WORKER_NAMES,
  });
  const bot = await startBot(runtime.deps, runtime.infra, options);
  const reloader = createConfigReloader(runtime.deps, {
    source: runtime.configSource,
    path: settings.configPath,
    onReload: () => workers.reschedule(),
  });
  runtime.deps.logger.info(
    { port: settings.port, internal: operator.url, socketMode: Boolean(settings.slackAppToken) },
    'Lifeboat running',
  );
  return {
    async stop() {
      reloader.stop();
      await operator.close();
      await bot.stop();
      await workers.close();
      await runtime.close();
    },
  };
}

/**
 * No Redis given: a private redis-server child on 127.0.0.1, append-only under .data/redis, with
 * the password kept in .data/redis-password (never logged).
 */
async function withRedis(
  settings: Settings,
): Promise<{ settings: Settings; stop(): Promise<void> }> {
  if (settings.redisUrl || settings.redisSentinels)
    return { settings, stop: async () => undefined };
  const data = resolve('.data');
  const redis = await startRedisChild({
    dir: resolve(data, 'redis'),
    password: privateRedisPassword(data),
  });
  process.stderr.write(
    `REDIS_URL is unset: private redis-server at ${redis.displayUrl}, append-only in .data/redis, its password in .data/${REDIS_PASSWORD_FILE}\n`,
  );
  return { settings: { ...settings, redisUrl: redis.url }, stop: redis.stop };
}

runProcess(
  async () => {
    const given = readSettings();
    const mode = startMode(given);
    const redis = await withRedis(given);
    const { settings } = redis;
    const start = mode === 'production' ? startProduction : startSandbox;
    const started = await start(settings).catch(async (error: unknown) => {
      await redis.stop();
      throw error;
    });
    return {
      async stop(signal) {
        process.stderr.write(`${signal}: stopping Lifeboat\n`);
        await started.stop();
        await redis.stop();
      },
    };
  },
  { deadlineMs: 15_000 },
);
