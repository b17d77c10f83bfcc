import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { register } from '../../commands';
import { createAuthorizer } from '../approval/authorizer';
import { ErrorCode, LifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import { boltLogger } from './bolt-logger';
import { botRoutes } from './bot-routes';
import { refuseMalformedRequests } from './refuse-malformed-requests';
import { refuseReplays } from './refuse-replays';
import {
  createSlackGroupDirectory,
  type SlackGroupDirectoryOptions,
} from './slack-group-directory';
import { startNotifier, type NotifierOptions } from './start-notifier';

export interface StartBotOptions {
  /** HTTP mode: verifies every request's signature. Required unless appToken is given. */
  signingSecret?: string;
  botToken: string;
  /** Socket Mode (xapp-…) instead of HTTP. */
  appToken?: string;
  /** The Web API's base URL (SLACK_API_URL). */
  slackApiUrl?: string;
  /** HTTP mode: the port of /slack/events and the custom routes (0: any free port). Socket Mode: the custom routes' port. */
  port: number;
  /** More routes on the same port (the sandbox's channel page). */
  customRoutes?: CustomRoute[];
  notifier?: NotifierOptions;
  groups?: SlackGroupDirectoryOptions;
}

export interface RunningBot {
  app: App;
  /** HTTP mode: the port bound (useful with port 0). */
  port?: number;
  stop(): Promise<void>;
}

/**
 * The Slack bot: Bolt over HTTP (signature-checked, /slack/events) or Socket Mode, /healthz and
 * /metrics beside it, and the notifier that posts and updates request messages.
 */
export async function startBot(deps: LifeboatDeps, options: StartBotOptions): Promise<RunningBot> {
  const logger = boltLogger(deps.logger);
  const clientOptions: WebClientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: withSlash(options.slackApiUrl) } : {}),
    // A 429 must not pause every call: the notifier paces each message itself (Retry-After).
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
  const customRoutes = [...(options.customRoutes ?? []), ...botRoutes(deps)];
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
    app.use(refuseReplays(deps));
  }

  const directory = createSlackGroupDirectory(app.client, options.groups);
  register(app, deps, { authorizer: createAuthorizer(() => deps.config, directory) });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'Slack listener failed');
  });

  const started: unknown = await app.start(options.port);
  const address = (
    started as { address?: () => AddressInfo | string | null } | undefined
  )?.address?.();
  const port = address && typeof address === 'object' ? address.port : undefined;
  const notifier = await startNotifier(deps, app.client, options.notifier);
  deps.logger.info({ mode: options.appToken ? 'socket' : 'http', port }, 'Slack bot started');

  return {
    app,
    ...(port !== undefined ? { port } : {}),
    async stop() {
      await notifier.stop();
      await app.stop();
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
