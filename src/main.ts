/**
 * `npm start`. Without SLACK_BOT_TOKEN: the sandbox (private Redis, AWS emulator, bot, workers and
 * a Slack-like channel page on PORT). With it: the bot and the workers for real, on DR_CONFIG and
 * AWS (or AWS_ENDPOINT_URL). SIGINT or SIGTERM stops everything within a deadline.
 */
import { resolve } from 'node:path';
import { startJobs } from '../jobs';
import { createConfigReloader } from './config/config-reloader';
import { createRuntime } from './create-runtime';
import { startRedisChild } from './sandbox/redis-child';
import { startSandbox } from './sandbox/start-sandbox';
import { runProcess } from './run-process';
import { readSettings, type Settings } from './settings';
import { botOptionsFromSettings } from './bot/bot-options-from-settings';
import { startBot } from './bot/start-bot';

async function startProduction(settings: Settings): Promise<{ stop(): Promise<void> }> {
  const options = botOptionsFromSettings(settings);
  const runtime = await createRuntime(settings);
  const workers = await startJobs(runtime.deps, runtime.infra);
  const bot = await startBot(runtime.deps, runtime.infra, options);
  const reloader = createConfigReloader(runtime.deps, {
    path: settings.configPath,
    onReload: () => workers.reschedule(),
  });
  runtime.deps.logger.info(
    { port: settings.port, socketMode: Boolean(settings.slackAppToken) },
    'Lifeboat running',
  );
  return {
    async stop() {
      reloader.stop();
      await bot.stop();
      await workers.close();
      await runtime.close();
    },
  };
}

/** REDIS_URL unset: a private redis-server child, append-only under .data/redis. */
async function withRedis(
  settings: Settings,
): Promise<{ settings: Settings; stop(): Promise<void> }> {
  if (settings.redisUrl) return { settings, stop: async () => undefined };
  const redis = await startRedisChild({ dir: resolve('.data/redis') });
  process.stderr.write(
    `REDIS_URL is unset: private redis-server at ${redis.url}, append-only in .data/redis\n`,
  );
  return { settings: { ...settings, redisUrl: redis.url }, stop: redis.stop };
}

runProcess(
  async () => {
    const redis = await withRedis(readSettings());
    const { settings } = redis;
    const start = settings.slackBotToken ? startProduction : startSandbox;
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
