/**
 * `npm run bot`: the Slack receiver alone, for production: Bolt over HTTP at /slack/events (or
 * Socket Mode with SLACK_APP_TOKEN), /healthz and /metrics on the same port, and the notifier that
 * posts and updates request messages. The workers run elsewhere (`npm run worker`).
 */
import { createConfigReloader } from '../config-reloader';
import { createRuntime } from '../create-runtime';
import { runProcess } from '../run-process';
import { readSettings } from '../settings';
import { botOptionsFromSettings } from '../bot/bot-options-from-settings';
import { startBot } from '../bot/start-bot';

runProcess(
  async () => {
    const settings = readSettings();
    const options = botOptionsFromSettings(settings);
    const runtime = await createRuntime(settings);
    const bot = await startBot(runtime.deps, runtime.infra, options);
    const reloader = createConfigReloader(runtime.deps, {
      source: runtime.configSource,
      path: settings.configPath,
    });
    return {
      async stop(signal) {
        runtime.deps.logger.info({ signal }, 'bot closing');
        reloader.stop();
        await bot.stop().catch(() => undefined);
        await runtime.close();
      },
    };
  },
  { deadlineMs: 15_000 },
);
