/**
 * `npm run bot`: the Slack receiver alone, for production: Bolt over HTTP at /slack/events (or
 * Socket Mode with SLACK_APP_TOKEN), /healthz and /metrics on the same port, and the notifier that
 * posts and updates request messages. The workers run elsewhere (`npm run worker`).
 */
import { createRuntime } from '../create-runtime';
import { asLifeboatError } from '../errors';
import { readSettings } from '../settings';
import { botOptionsFromSettings } from '../slack/bot-options-from-settings';
import { startBot } from '../slack/start-bot';

async function main(): Promise<void> {
  const settings = readSettings();
  const options = botOptionsFromSettings(settings);
  const runtime = await createRuntime(settings);
  const bot = await startBot(runtime.deps, options);

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
