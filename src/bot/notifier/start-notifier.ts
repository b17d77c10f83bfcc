import { hostname } from 'node:os';
import type { WebClient } from '@slack/web-api';
import type { Operation } from '../../core/types';
import type { LifeboatEvent } from '../../events/lifeboat-event';
import type { LifeboatDeps } from '../../lifeboat-deps';
import { eventMessage } from '../../slack/blocks/event-message';
import { slackDate } from '../../slack/blocks/mrkdwn';
import { operationMessage, STEP_ICON } from '../../slack/blocks/operation-message';
import { RateLimited } from '../../slack/rate-limited';
import { slackCall, slackErrorCode } from '../../slack/slack-call';
import { systemTimers, type Timers } from '../../timers';
import { MessageLane } from './message-lane';

export const SLACK_CONSUMER_GROUP = 'slack';

export interface NotifierOptions {
  /** At most one chat.update per message per this long. Default 1000. */
  minUpdateIntervalMs?: number;
  consumer?: string;
  blockMs?: number;
  /** How often the RTO clock of a running operation's message is refreshed. Default 60000. */
  clockRefreshMs?: number;
  /**
   * The pacing's time and wake-ups (Retry-After, the update interval, the clock refresh). Default
   * the system's: Slack's limits are in real time, whatever clock the operations are shown on.
   */
  timers?: Timers;
}

export interface Notifier {
  /** Handles one event (the consumer calls it; tests may too). */
  handle(event: LifeboatEvent): Promise<void>;
  /** Whether any message still has work waiting (a paced update, a Retry-After). */
  busy(): boolean;
  stop(): Promise<void>;
}

/** A thread line's icon: a step's state, or the operation's at its `outcome` line. */
const THREAD_ICON: Record<string, string> = {
  ...STEP_ICON,
  succeeded: ':large_green_circle:',
  cancelled: ':no_entry_sign:',
  blocked: ':warning:',
};
const ALERTS = 'channel';
const MAX_FAILURES = 3;

/**
 * The Slack side of the event stream: every request message is posted here (whoever created the
 * operation: a command, a scheduled drill), then updated in place, steps go to its thread, and
 * alerts and backup results go to the channel. Each message has its own lane, so a 429 on one
 * delays that message alone, and updates are coalesced to one per second with the latest state.
 */
export async function startNotifier(
  deps: LifeboatDeps,
  client: WebClient,
  options: NotifierOptions = {},
): Promise<Notifier> {
  // The group exists before start-up ends, so no event published after it is missed.
  await deps.events.ensureGroup(SLACK_CONSUMER_GROUP);
  const intervalMs = options.minUpdateIntervalMs ?? 1000;
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`;
  const timers = options.timers ?? systemTimers();
  const nowMs = () => timers.clock.now().toMillis();
  const lanes = new Map<string, MessageLane>();
  const failures = new Map<string, number>();

  const laneFor = (key: string): MessageLane => {
    let lane = lanes.get(key);
    if (!lane) {
      const work = key === ALERTS ? postAlerts : (l: MessageLane) => renderOperation(l, key);
      lane = new MessageLane(
        async (l) => {
          try {
            await work(l);
            failures.delete(key);
          } catch (error) {
            if (error instanceof RateLimited) throw error;
            const count = (failures.get(key) ?? 0) + 1;
            failures.set(key, count);
            deps.logger.warn(
              { key, err: slackErrorCode(error), attempt: count },
              'Slack call failed',
            );
            // A transient failure is retried a few times, paced like a 429; then it is dropped.
            if (count < MAX_FAILURES) throw new RateLimited(1000 * 2 ** count);
            failures.delete(key);
            l.dirty = false;
            l.thread.length = 0;
            if (key !== ALERTS) await tellRequesterUnposted(key, error);
          }
        },
        (error) => deps.logger.error({ key, err: error }, 'notifier lane failed'),
        timers,
      );
      lanes.set(key, lane);
    }
    return lane;
  };

  async function postAlerts(lane: MessageLane): Promise<void> {
    while (lane.thread.length > 0) {
      const text = lane.thread[0] ?? '';
      await slackCall(() =>
        client.chat.postMessage({ channel: deps.config.slack.channel, text, mrkdwn: true }),
      );
      lane.thread.shift();
    }
  }

  async function renderOperation(lane: MessageLane, operationId: string): Promise<void> {
    // Cleared before the one read: a change stored after it marks the lane again, and the lane
    // runs another pass that renders it.
    let render = lane.dirty;
    lane.dirty = false;
    try {
      let op = await deps.operations.get(operationId);
      if (!op) {
        lane.thread.length = 0;
        return;
      }
      if (!op.slack) {
        const posted = await postRequest(op);
        if (!posted) {
          // Another consumer is posting it: look again shortly.
          lane.dirty = true;
          lane.wakeAt(nowMs() + intervalMs);
          return;
        }
        // The message just posted shows this state already.
        op = posted;
        render = false;
        lane.nextUpdateAtMs = nowMs() + intervalMs;
      }
      const slack = op.slack as { channel: string; ts: string };
      while (lane.thread.length > 0) {
        const text = lane.thread[0] ?? '';
        await slackCall(() =>
          client.chat.postMessage({ channel: slack.channel, thread_ts: slack.ts, text }),
        );
        lane.thread.shift();
      }
      if (!render) return;
      if (nowMs() < lane.nextUpdateAtMs) {
        lane.dirty = true;
        lane.wakeAt(lane.nextUpdateAtMs);
        return;
      }
      const message = operationMessage(op, deps.clock.now(), deps.config.approval.minApprovers);
      await slackCall(() =>
        client.chat.update({
          channel: slack.channel,
          ts: slack.ts,
          text: message.text,
          blocks: message.blocks,
        }),
      );
      lane.nextUpdateAtMs = nowMs() + intervalMs;
    } catch (error) {
      if (render) lane.dirty = true;
      throw error;
    }
  }

  /**
   * The request message could not be posted (the bot is not in the channel, the channel is
   * gone…): the requester hears it directly, once, with what to do, since nobody else sees the
   * request. Its Approve buttons are missing, but `/dr approve` works until it expires.
   */
  async function tellRequesterUnposted(operationId: string, error: unknown): Promise<void> {
    try {
      const op = await deps.operations.get(operationId);
      if (!op || op.slack || op.state !== 'requested') return;
      const once = deps.keys.custom(`slack:unposted:${op.id}`);
      if ((await deps.redis.set(once, '1', 'EX', 24 * 3600, 'NX')) !== 'OK') return;
      const channel = deps.config.slack.channel;
      const code = slackErrorCode(error);
      const fix = ['not_in_channel', 'channel_not_found', 'is_archived'].includes(code)
        ? `invite Lifeboat there (\`/invite @Lifeboat\`) or set \`slack.channel\` in DR_CONFIG`
        : "see the bot's log";
      await slackCall(() =>
        client.chat.postMessage({
          channel: op.requestedBy,
          text:
            `:warning: I could not post your request *${op.id}* (${op.kind} of ${op.environment}) in <#${channel}>: Slack answered \`${code}\`; ${fix}. ` +
            `Nobody sees its Approve button, but it stands until ${slackDate(op.expiresAt)}: an approver can still type \`/dr approve ${op.id}\`.`,
        }),
      );
    } catch (failure) {
      deps.logger.warn(
        { operationId, err: slackErrorCode(failure) },
        'could not tell the requester that the request was not posted',
      );
    }
  }

  /** Posts the request message once: a SET NX key guards against a second poster. */
  async function postRequest(op: Operation): Promise<Operation | undefined> {
    const key = deps.keys.custom(`slack:posting:${op.id}`);
    if ((await deps.redis.set(key, consumer, 'PX', 60_000, 'NX')) !== 'OK') return undefined;
    try {
      const message = operationMessage(op, deps.clock.now(), deps.config.approval.minApprovers);
      const posted = await slackCall(() =>
        client.chat.postMessage({
          channel: deps.config.slack.channel,
          text: message.text,
          blocks: message.blocks,
        }),
      );
      const slack = { channel: posted.channel ?? deps.config.slack.channel, ts: posted.ts ?? '' };
      const { op: stored } = await deps.operations.update(op.id, (current) =>
        current.slack ? undefined : { op: { ...current, slack } },
      );
      return stored;
    } catch (error) {
      await deps.redis.del(key);
      throw error;
    }
  }

  async function handle(event: LifeboatEvent): Promise<void> {
    switch (event.type) {
      case 'operation.updated': {
        const lane = laneFor(event.operationId);
        lane.dirty = true;
        await lane.kick();
        return;
      }
      case 'operation.step': {
        const lane = laneFor(event.operationId);
        lane.thread.push(`${THREAD_ICON[event.state] ?? ':small_blue_diamond:'} ${event.text}`);
        await lane.kick();
        return;
      }
      case 'backup.finished':
        // Scheduled runs that went well are the normal case: only their trouble is news.
        if (event.trigger === 'schedule' && event.outcome !== 'failed') return;
        break;
      default:
        break;
    }
    const text = eventMessage(event);
    if (text === undefined) return;
    const lane = laneFor(ALERTS);
    lane.thread.push(text);
    await lane.kick();
  }

  const blocking = deps.redis.duplicate();
  const consumption = deps.events.consume(blocking, SLACK_CONSUMER_GROUP, consumer, handle, {
    ...(options.blockMs !== undefined ? { blockMs: options.blockMs } : {}),
    onError: (error, event) =>
      deps.logger.error({ err: error, event: event.type }, 'Slack notifier failed on an event'),
  });

  // The RTO clock in a running operation's message moves even when no step changes; and lanes
  // with nothing left to do are dropped, so a long-lived bot keeps only the messages in motion.
  const refreshClocks = async () => {
    for (const [key, lane] of lanes) {
      if (!lane.idle) continue;
      lanes.delete(key);
      failures.delete(key);
    }
    for (const environment of Object.keys(deps.config.environments)) {
      const holder = await deps.locks.holder(environment);
      const op = holder ? await deps.operations.get(holder) : undefined;
      if (op?.slack && (op.state === 'running' || op.state === 'approved')) {
        await handle({ type: 'operation.updated', operationId: op.id });
      }
    }
  };
  const refreshMs = options.clockRefreshMs ?? 60_000;
  let cancelRefresh: (() => void) | undefined;
  let stopped = false;
  const armRefresh = () => {
    cancelRefresh = timers.at(
      nowMs() + refreshMs,
      () => {
        // The next one is armed when this one is done, so a slow Redis never piles them up.
        refreshClocks()
          .catch((error: unknown) =>
            deps.logger.warn({ err: error }, 'refreshing RTO clocks failed'),
          )
          .finally(() => {
            if (!stopped) armRefresh();
          });
      },
      { unref: true },
    );
  };
  armRefresh();

  return {
    handle,
    busy: () => [...lanes.values()].some((l) => l.busy),
    async stop() {
      stopped = true;
      cancelRefresh?.();
      await consumption.stop();
      blocking.disconnect();
      await Promise.all([...lanes.values()].map((l) => l.stop()));
    },
  };
}
