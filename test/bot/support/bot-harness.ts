import { SLACK_CONSUMER_GROUP } from '../../../src/bot/notifier/start-notifier';
import { startBot, type RunningBot } from '../../../src/bot/start-bot';
import { startOperatorServer } from '../../../src/metrics/start-operator-server';
import type { OnceClaims } from '../../../src/store/once-claims';
import { fakeTimers, type FakeTimers } from '../../../src/timers';
import { approvalHarness, type ApprovalHarness } from '../../approval/approval-harness';
import { eventually } from '../../support/eventually';
import { startSlackApiRecorder, type SlackApiRecorder } from '../../support/slack-api-recorder';
import {
  blockActionBody,
  eventCallbackBody,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
  type RequestOrigin,
  type SignedRequestOptions,
} from '../../support/slack-signing';

export interface BotHarness extends ApprovalHarness {
  slack: SlackApiRecorder;
  bot: RunningBot;
  /** Slack's port: /slack/events. */
  url: string;
  /** The operator endpoints' own port: /healthz and /metrics, as INTERNAL_PORT serves them. */
  internalUrl: string;
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
  /** With `fakeTimers`: the notifier's pacing, on `clock`, moved only by `timers.advance`. */
  timers?: FakeTimers;
  /** Waits until the notifier has handled (acknowledged) every event published so far. */
  eventsHandled(): Promise<void>;
}

export async function botHarness(
  name: string,
  approval: { minApprovers?: number; expiresAfter?: string } = {},
  options: {
    minUpdateIntervalMs?: number;
    realClock?: boolean;
    clockRefreshMs?: number;
    redisUrl?: string;
    /** Pace the notifier on fake timers over the harness's clock instead of real time. */
    fakeTimers?: boolean;
    /** Fields of Slack's auth.test answer: which workspace and app the bot is installed as. */
    authTest?: Record<string, unknown>;
    /** What the replay check asks instead of Redis (one that never answers, say). */
    replayClaims?: OnceClaims;
  } = {},
): Promise<BotHarness> {
  const h = await approvalHarness(name, approval, {
    ...(options.realClock ? { realClock: true } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  const slack = await startSlackApiRecorder(options.authTest ? { authTest: options.authTest } : {});
  const timers = options.fakeTimers ? fakeTimers(h.clock) : undefined;
  const bot = await startBot(h.deps, h.infra, {
    signingSecret: TEST_SIGNING_SECRET,
    botToken: 'xoxb-test-token',
    slackApiUrl: slack.apiUrl,
    port: 0,
    notifier: {
      blockMs: 50,
      ...(timers ? { timers } : {}),
      ...(options.clockRefreshMs !== undefined ? { clockRefreshMs: options.clockRefreshMs } : {}),
      ...(options.minUpdateIntervalMs !== undefined
        ? { minUpdateIntervalMs: options.minUpdateIntervalMs }
        : {}),
    },
    groups: { ttlMs: 60_000, minRefreshMs: 0 },
    ...(options.replayClaims ? { replayClaims: options.replayClaims } : {}),
  });
  const operator = await startOperatorServer(
    {
      redis: h.infra.redis,
      keys: h.infra.keys,
      clock: h.deps.clock,
      logger: h.deps.logger,
      getConfig: () => h.deps.config.current(),
    },
    { port: 0, host: '127.0.0.1' },
  );
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
    internalUrl: operator.url,
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
    ...(timers ? { timers } : {}),
    async eventsHandled() {
      const { redis, keys } = h.infra;
      const [newest] = await redis.xrevrange(keys.events, '+', '-', 'COUNT', 1);
      if (!newest) return;
      await eventually(
        async () => {
          const groups = (await redis.xinfo('GROUPS', keys.events)) as unknown[][];
          const group = groups.map(fields).find((g) => g.name === SLACK_CONSUMER_GROUP);
          return group?.['last-delivered-id'] === newest[0] && group.pending === 0
            ? true
            : undefined;
        },
        { everyMs: 10, what: `the notifier to handle every event up to ${newest[0]}` },
      );
    },
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
      await operator.close();
      await bot.stop();
      await slack.close();
      await h.close();
    },
  };
}

/** XINFO's flat [name, value, name, value…] reply as an object. */
function fields(flat: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = flat[i + 1];
  return record;
}
