import { startBot, type RunningBot } from '../../src/slack/start-bot';
import { approvalHarness, type ApprovalHarness } from '../approval/approval-harness';
import { eventually } from '../support/eventually';
import { startSlackApiRecorder, type SlackApiRecorder } from '../support/slack-api-recorder';
import {
  blockActionBody,
  eventCallbackBody,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
  type RequestOrigin,
  type SignedRequestOptions,
} from '../support/slack-signing';

export interface BotHarness extends ApprovalHarness {
  slack: SlackApiRecorder;
  bot: RunningBot;
  url: string;
  /** `/dr TEXT` typed by `userId` (in #dr of the installed workspace, unless `from` says). */
  command(
    text: string,
    userId: string,
    options?: SignedRequestOptions,
    from?: RequestOrigin,
  ): ReturnType<typeof postToSlackEndpoint>;
  click(
    actionId: 'dr_approve' | 'dr_deny',
    operationId: string,
    userId: string,
    options?: SignedRequestOptions,
    from?: RequestOrigin,
  ): ReturnType<typeof postToSlackEndpoint>;
  event(
    event: Record<string, unknown>,
    options?: SignedRequestOptions,
    from?: RequestOrigin,
  ): ReturnType<typeof postToSlackEndpoint>;
  /** The ephemeral answers `userId` got so far (chat.postEphemeral), as text. */
  ephemerals(userId: string): string[];
  /** Waits for the nth ephemeral answer to `userId`. */
  nextEphemeral(userId: string, count: number): Promise<string>;
}

export async function botHarness(
  name: string,
  approval: { minApprovers?: number; expiresAfter?: string } = {},
  options: {
    minUpdateIntervalMs?: number;
    realClock?: boolean;
    clockRefreshMs?: number;
    redisUrl?: string;
    /** Fields of Slack's auth.test answer: which workspace and app the bot is installed as. */
    authTest?: Record<string, unknown>;
  } = {},
): Promise<BotHarness> {
  const h = await approvalHarness(name, approval, {
    ...(options.realClock ? { realClock: true } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  const slack = await startSlackApiRecorder(options.authTest ? { authTest: options.authTest } : {});
  const bot = await startBot(h.deps, {
    signingSecret: TEST_SIGNING_SECRET,
    botToken: 'xoxb-test-token',
    slackApiUrl: slack.apiUrl,
    port: 0,
    notifier: {
      blockMs: 50,
      ...(options.clockRefreshMs !== undefined ? { clockRefreshMs: options.clockRefreshMs } : {}),
      ...(options.minUpdateIntervalMs !== undefined
        ? { minUpdateIntervalMs: options.minUpdateIntervalMs }
        : {}),
    },
    groups: { ttlMs: 60_000, minRefreshMs: 0 },
  });
  const url = `http://127.0.0.1:${bot.port ?? 0}`;
  const events = `${url}/slack/events`;
  const form = 'application/x-www-form-urlencoded' as const;
  const ephemerals = (userId: string) =>
    slack
      .callsTo('chat.postEphemeral')
      .filter((c) => c.args.user === userId)
      .map((c) => String(c.args.text));

  return {
    ...h,
    slack,
    bot,
    url,
    command: (text, userId, opts, from) =>
      postToSlackEndpoint(
        events,
        slashCommandBody({ text, userId, responseUrl: slack.responseUrl, ...from }),
        form,
        opts,
      ),
    click: (actionId, operationId, userId, opts, from) =>
      postToSlackEndpoint(
        events,
        blockActionBody({
          actionId,
          value: operationId,
          userId,
          responseUrl: slack.responseUrl,
          ...from,
        }),
        form,
        opts,
      ),
    event: (event, opts, from) =>
      postToSlackEndpoint(events, eventCallbackBody(event, from), 'application/json', opts),
    ephemerals,
    nextEphemeral(userId, count) {
      return eventually(
        () => {
          const got = ephemerals(userId);
          return got.length >= count ? (got[count - 1] ?? '') : undefined;
        },
        {
          everyMs: 10,
          what: `ephemeral #${count} for ${userId}`,
          seen: () => `got ${JSON.stringify(ephemerals(userId))}`,
        },
      );
    },
    async close() {
      await bot.stop();
      await slack.close();
      await h.close();
    },
  };
}
