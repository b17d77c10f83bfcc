import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { register } from '../../commands';
import { createAuthorizer } from '../approval/authorizer';
import { ErrorCode, LifeboatError } from '../errors';
import type { Infra } from '../create-infra';
import type { LifeboatDeps } from '../lifeboat-deps';
import { boltLogger } from './bolt-logger';
import { readInstallation, type SlackInstallation } from '../slack/read-installation';
import { redisWaitNotice } from './redis-wait-notice';
import { refuseMalformedRequests } from './refuse-malformed-requests';
import { refuseReplays } from './refuse-replays';
import {
  createSlackGroupDirectory,
  type SlackGroupDirectoryOptions,
} from '../adapters/slack/slack-group-directory';
import type { OnceClaims } from '../store/once-claims';
import { createRequestMessageStore } from '../store/request-message-store';
import { startNotifier, type Notifier, type NotifierOptions } from './notifier/start-notifier';

export interface StartBotOptions {
  /** HTTP mode: verifies every request's signature. Required unless appToken is given. */
  signingSecret?: string;
  botToken: string;
  /** Socket Mode (xapp-…) instead of HTTP. */
  appToken?: string;
  /** The Web API's base URL (SLACK_API_URL). */
  slackApiUrl?: string;
  /**
   * HTTP mode: the port of /slack/events and the custom routes (0: any free port). Socket Mode:
   * the custom routes' port, bound only when there are any. The operator endpoints are never
   * here: they have INTERNAL_PORT (src/metrics/start-operator-server.ts).
   */
  port: number;
  /** HTTP mode: the address to listen on (default: every address, for Slack to reach). */
  host?: string;
  /** More routes on Slack's port (the sandbox's channel page). */
  customRoutes?: CustomRoute[];
  notifier?: NotifierOptions;
  groups?: SlackGroupDirectoryOptions;
  /** What the replay check claims signatures in; default `deps.once` (Redis). */
  replayClaims?: OnceClaims;
}

export interface RunningBot {
  app: App;
  /** HTTP mode: the port bound (useful with port 0). */
  port?: number;
  notifier: Notifier;
  stop(): Promise<void>;
}

/**
 * The Slack bot: Bolt over HTTP (signature-checked, /slack/events) or Socket Mode, and the
 * notifier that posts and updates request messages. Anything else on Slack's port answers 404.
 */
export async function startBot(
  deps: LifeboatDeps,
  infra: Infra,
  options: StartBotOptions,
): Promise<RunningBot> {
  // The Redis side that the bot itself uses (the wait notice, the notifier) comes from the
  // runtime's infra and is handed on explicitly: nothing below the bot reads it.
  const { redis, keys } = infra;
  const logger = boltLogger(deps.logger);
  const clientOptions: WebClientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: withSlash(options.slackApiUrl) } : {}),
    // A 429 must not pause every call: the notifier paces each message itself (Retry-After).
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
  const customRoutes = options.customRoutes ?? [];
  let app: App;
  if (options.appToken) {
    app = new App({
      token: options.botToken,
      appToken: options.appToken,
      socketMode: true,
      port: options.port,
      customRoutes,
      clientOptions,
      logger,
      convoStore: false,
    });
  } else {
    if (!options.signingSecret) {
      throw new LifeboatError(
        ErrorCode.SettingInvalid,
        "SLACK_SIGNING_SECRET is required in HTTP mode; set it from the app's Basic Information page, or set SLACK_APP_TOKEN for Socket Mode",
      );
    }
    const receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      port: options.port,
      customRoutes,
      logger,
      processBeforeResponse: false,
      // The signature names one delivery: refuseReplays drops a second one.
      customPropertiesExtractor: (req) => ({
        requestSignature: req.headers['x-slack-signature'],
      }),
    });
    receiver.requestListener = refuseMalformedRequests(receiver.requestListener, {
      signingSecret: options.signingSecret,
    });
    app = new App({
      token: options.botToken,
      receiver,
      clientOptions,
      logger,
      convoStore: false,
    });
    app.use(
      refuseReplays({
        logger: deps.logger,
        audit: deps.audit,
        clock: deps.clock,
        once: options.replayClaims ?? deps.once,
      }),
    );
  }

  const directory = createSlackGroupDirectory(app.client, options.groups);
  // Which workspace and app every request must come from, as Slack says for this token once the
  // receiver is up (the sandbox's Slack answers on the bot's own port); until then requests wait.
  let installed!: (installation: Promise<SlackInstallation>) => void;
  const installation = new Promise<SlackInstallation>((resolve) => (installed = resolve));
  register(app, deps, {
    authorizer: createAuthorizer(() => deps.config.current(), directory),
    waitNotice: redisWaitNotice(redis, deps.logger),
    installation,
  });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'Slack listener failed');
  });

  const started: unknown = await app.start(
    options.host && !options.appToken ? { port: options.port, host: options.host } : options.port,
  );
  const address = (
    started as { address?: () => AddressInfo | string | null } | undefined
  )?.address?.();
  const port = address && typeof address === 'object' ? address.port : undefined;
  const read = readInstallation(app.client);
  installed(read);
  try {
    await read;
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error;
  }
  const notifier = await startNotifier(
    deps,
    app.client,
    { redis, messages: createRequestMessageStore(redis, keys) },
    options.notifier,
  );
  deps.logger.info({ mode: options.appToken ? 'socket' : 'http', port }, 'Slack bot started');

  return {
    app,
    ...(port !== undefined ? { port } : {}),
    notifier,
    async stop() {
      await notifier.stop();
      await app.stop();
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
