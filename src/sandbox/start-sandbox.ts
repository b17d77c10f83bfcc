import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { createAwsPorts } from '../create-aws-ports';
import { startJobs } from '../../jobs';
import { createRuntime } from '../create-runtime';
import { createAwsEmulator } from '../emulator';
import { createLogger } from '../logger';
import type { Settings } from '../settings';
import { startBot } from '../bot/start-bot';
import { createSlackGroupDirectoryForToken } from '../adapters/slack/slack-group-directory';
import { operatorInput, startOperatorServer } from '../metrics/start-operator-server';
import { WORKER_NAMES } from '../store/worker-heartbeats';
import { createGameDayLog } from './game-day-log';
import { listenOnPreferredPort } from './listen-on-preferred-port';
import { createSandboxRoutes } from './sandbox-routes';
import { seedSandboxHistory } from './seed-sandbox-history';
import { createResponseUrls } from './slack/response-urls';
import { sandboxWorkspaceSeed } from './slack/sandbox-workspace-seed';
import { createSlackDelivery } from './slack/slack-delivery';
import { createSlackWorkspace } from './slack/slack-workspace';

/** config/sandbox.yaml of this checkout, wherever `npm start` is run from. */
export const SANDBOX_CONFIG = join(__dirname, '..', '..', 'config', 'sandbox.yaml');
const SANDBOX_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } as const;

export interface RunningSandbox {
  url: string;
  stop(): Promise<void>;
}

/**
 * `npm start` without Slack credentials: the AWS emulator
 * (unless AWS_ENDPOINT_URL names one already), the bot and the workers, and the channel page on
 * PORT, all listening on SANDBOX_HOST (127.0.0.1 unless it says otherwise: the page lets anyone
 * act as any sandbox user), and /healthz and /metrics on INTERNAL_PORT as well as on the page's. The bot is the production bot: it gets signed requests from the
 * local Slack and calls its Web API through `slackApiUrl`, and the workers call AWS through the
 * SDK and the emulator. `settings.redisUrl` is the private Redis main started for it.
 */
export async function startSandbox(
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningSandbox> {
  const logger = createLogger(settings.logLevel, 'lifeboat-sandbox');
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse())
      await fn().catch((error: unknown) => logger.warn({ err: error }, 'stopping'));
  };
  try {
    const configPath = env.DR_CONFIG ? settings.configPath : SANDBOX_CONFIG;
    const config = loadConfig(configPath);

    const redisUrl = settings.redisUrl;
    if (!redisUrl)
      throw new Error(
        'startSandbox needs settings.redisUrl (main starts a private Redis when REDIS_URL is unset)',
      );

    let awsUrl = settings.awsEndpointUrl;
    if (!awsUrl) {
      const emulator = createAwsEmulator({ config, jobMs: settings.emulatorJobMs });
      const running = await listenOnPreferredPort(
        (port) => emulator.listen(port, settings.sandboxHost),
        settings.emulatorPort,
        Boolean(env.AWS_EMULATOR_PORT),
        (port) =>
          logger.warn({ port }, 'AWS_EMULATOR_PORT is taken; the emulator listens elsewhere'),
      );
      stops.push(running.close);
      awsUrl = running.url;
      await seedSandboxHistory(awsUrl, config);
    }
    // How the sandbox's own parts reach the page's port: over loopback when it listens everywhere.
    const reach = reachable(settings.sandboxHost);
    const base = `http://${reach}:${settings.port}`;
    const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
    const slackApiUrl = `${base}/sandbox-slack/api/`;

    // The emulator accepts any credentials; fixed ones keep a laptop's AWS profile out of it.
    // The workers read the sandbox's user groups as production's read Slack's.
    const runtime = await createRuntime(
      { ...settings, configPath, redisUrl, awsEndpointUrl: awsUrl },
      {
        config,
        aws: createAwsPorts({ endpoint: awsUrl, credentials: SANDBOX_CREDENTIALS }),
        groups: createSlackGroupDirectoryForToken(botToken, { slackApiUrl }),
      },
    );
    stops.push(runtime.close);
    // Signed like Slack signs: with the operator's secret when one is set, else a fresh one.
    const signingSecret = settings.slackSigningSecret ?? randomBytes(24).toString('hex');
    const workspace = createSlackWorkspace(sandboxWorkspaceSeed(config.slack.channel));
    const responseUrls = createResponseUrls(workspace, `${base}/sandbox-slack/response/`);
    const delivery = createSlackDelivery({
      workspace,
      responseUrls,
      requestUrl: `${base}/slack/events`,
      signingSecret,
    });
    const sandbox = createSandboxRoutes({
      config,
      workspace,
      delivery,
      responseUrls,
      botToken,
      emulatorUrl: awsUrl,
      readAudit: () => runtime.deps.audit.read({ limit: 200 }),
      gameDay: createGameDayLog(),
      logger,
    });

    const workers = await startJobs(runtime.deps, runtime.infra);
    stops.push(() => workers.close());
    // The operator endpoints on INTERNAL_PORT as in production, and on the page's port as well.
    const operator = await startOperatorServer(operatorInput(runtime), {
      port: settings.internalPort,
      host: settings.internalHost,
      workers: WORKER_NAMES,
      ...(env.INTERNAL_PORT
        ? {}
        : {
            onPortTaken: (port: number) =>
              logger.warn(
                { port },
                'INTERNAL_PORT is taken; the operator endpoints listen elsewhere',
              ),
          }),
    });
    stops.push(operator.close);
    const bot = await startBot(runtime.deps, runtime.infra, {
      signingSecret,
      botToken,
      slackApiUrl,
      port: settings.port,
      host: settings.sandboxHost,
      customRoutes: [...sandbox.routes, ...operator.routes],
    });
    stops.push(async () => {
      sandbox.close();
      await bot.stop();
    });

    const url = `http://${reach === '127.0.0.1' ? 'localhost' : reach}:${settings.port}`;
    logger.info(
      {
        url,
        internal: operator.url,
        aws: awsUrl,
        redis: redisUrl.replace(/\/\/[^@]*@/, '//'),
        config: configPath,
        prefix: settings.prefix,
      },
      `Lifeboat sandbox ready: open ${url}`,
    );
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** An address to connect to a server listening on `host` (0.0.0.0 and :: mean every address). */
function reachable(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
