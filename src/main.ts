/**
 * `npm start`. Without SLACK_BOT_TOKEN: the sandbox (private Redis, AWS emulator, bot, workers and
 * a Slack-like channel page on PORT). With it: the bot and the workers for real, on DR_CONFIG and
 * AWS (or AWS_ENDPOINT_URL). SIGINT or SIGTERM stops everything within a deadline.
 */
import { createRuntime } from './create-runtime';
import { asLifeboatError, ErrorCode, LifeboatError } from './errors';
import { startSandbox } from './sandbox/start-sandbox';
import { readSettings, type Settings } from './settings';
import { startBot } from './slack/start-bot';
import { startWorkers } from './start-workers';

const SHUTDOWN_DEADLINE_MS = 15_000;

async function startProduction(settings: Settings): Promise<{ stop(): Promise<void> }> {
  const botToken = settings.slackBotToken ?? '';
  if (!settings.slackAppToken && !settings.slackSigningSecret) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      'SLACK_SIGNING_SECRET is required in HTTP mode: set it from your Slack app\'s "Basic Information" page, or set SLACK_APP_TOKEN (xapp-…) for Socket Mode',
    );
  }
  const runtime = await createRuntime(settings);
  const workers = await startWorkers(runtime.deps);
  const bot = await startBot(runtime.deps, {
    botToken,
    port: settings.port,
    ...(settings.slackSigningSecret ? { signingSecret: settings.slackSigningSecret } : {}),
    ...(settings.slackAppToken ? { appToken: settings.slackAppToken } : {}),
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
  });
  runtime.deps.logger.info(
    { port: settings.port, socketMode: Boolean(settings.slackAppToken) },
    'Lifeboat running',
  );
  return {
    async stop() {
      await bot.stop();
      await workers.close();
      await runtime.close();
    },
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const running = settings.slackBotToken
    ? await startProduction(settings)
    : await startSandbox(settings);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping Lifeboat\n`);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${asLifeboatError(error).message}\n`);
  process.exit(1);
});
