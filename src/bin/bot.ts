/**
 * `npm run bot`: the Slack receiver alone, for production: Bolt over HTTP at /slack/events on PORT
 * (or Socket Mode with SLACK_APP_TOKEN), the notifier that posts and updates request messages,
 * and /healthz and /metrics on INTERNAL_HOST:INTERNAL_PORT, apart from Slack's port. The workers
 * run elsewhere (`npm run worker`).
 */
import { createConfigReloader } from '../config-reloader';
import { createRuntime } from '../create-runtime';
import { operatorInput, startOperatorServer } from '../metrics/start-operator-server';
import { runProcess } from '../run-process';
import { readSettings } from '../settings';
import { botOptionsFromSettings } from '../bot/bot-options-from-settings';
import { startBot } from '../bot/start-bot';

runProcess(
  async () => {
    const settings = readSettings();
    const options = botOptionsFromSettings(settings);
    const runtime = await createRuntime(settings);
    const operator = await startOperatorServer(operatorInput(runtime), {
      port: settings.internalPort,
      host: settings.internalHost,
    });
    const bot = await startBot(runtime.deps, runtime.infra, options);
    const reloader = createConfigReloader(runtime.deps, {
      source: runtime.configSource,
      path: settings.configPath,
    });
    return {
      async stop(signal) {
        runtime.deps.logger.info({ signal }, 'bot closing');
        reloader.stop();
        await operator.close();
        await bot.stop().catch(() => undefined);
        await runtime.close();
      },
    };
  },
  { deadlineMs: 15_000 },
);
