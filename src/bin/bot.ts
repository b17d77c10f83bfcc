/**
 * `npm run bot`: the Slack receiver alone, for production: Bolt over HTTP at /slack/events (or
 * Socket Mode with SLACK_APP_TOKEN), /healthz and /metrics on the same port, and the notifier that
 * posts and updates request messages. The workers run elsewhere (`npm run worker`).
 */
import { createRuntime } from '../create-runtime';
import { asLifeboatError, ErrorCode, LifeboatError } from '../errors';
import { readSettings } from '../settings';
import { startBot } from '../slack/start-bot';

async function main(): Promise<void> {
  const settings = readSettings();
  if (!settings.slackBotToken) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      'SLACK_BOT_TOKEN is not set; set it to the bot token (xoxb-…), or run `npm start` for the sandbox',
    );
  }
  const runtime = await createRuntime(settings);
  const bot = await startBot(runtime.deps, {
    botToken: settings.slackBotToken,
    port: settings.port,
    ...(settings.slackSigningSecret ? { signingSecret: settings.slackSigningSecret } : {}),
    ...(settings.slackAppToken ? { appToken: settings.slackAppToken } : {}),
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
  });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    runtime.deps.logger.info({ signal }, 'bot closing');
    await bot.stop().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${asLifeboatError(error).message}\n`);
  process.exit(1);
});
