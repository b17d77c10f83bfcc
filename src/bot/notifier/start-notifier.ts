import { hostname } from 'node:os';
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { LifeboatEvent } from '../../events/lifeboat-event';
import type { LifeboatDeps } from '../../lifeboat-deps';
import type { RequestMessageStore } from '../../store/request-message-store';
import { systemTimers, type Timers } from '../../timers';
import { createLaneRunner } from './lane-runner';
import { createMessagePoster } from './message-poster';
import { renderEvent, showsRunningClock } from './render-event';

export const SLACK_CONSUMER_GROUP = 'slack';
/** The channel's own lane: alerts and backup results, posted in order. */
const CHANNEL_LANE = 'channel';

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
  /** Resolves when no message has Slack calls in progress (paced work may still wait). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export type NotifierDeps = Pick<
  LifeboatDeps,
  'config' | 'clock' | 'logger' | 'operations' | 'locks' | 'events'
>;

export interface NotifierInfra {
  /** Duplicated for the event consumer, whose blocking reads hold a connection of their own. */
  redis: Redis;
  messages: RequestMessageStore;
}

/**
 * The Slack side of the event stream: every request message is posted here (whoever created the
 * operation: a command, a scheduled drill), then updated in place, steps go to its thread, and
 * alerts and backup results go to the channel. What an event asks of Slack is renderEvent's;
 * when and how often Slack is called, the lanes'; the calls themselves, the message poster's.
 */
export async function startNotifier(
  deps: NotifierDeps,
  client: WebClient,
  infra: NotifierInfra,
  options: NotifierOptions = {},
): Promise<Notifier> {
  // The group exists before start-up ends, so no event published after it is missed.
  await deps.events.ensureGroup(SLACK_CONSUMER_GROUP);
  const timers = options.timers ?? systemTimers();
  const nowMs = () => timers.clock.now().toMillis();
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`;
  const poster = createMessagePoster({
    deps,
    client,
    messages: infra.messages,
    timers,
    intervalMs: options.minUpdateIntervalMs ?? 1000,
    consumer,
  });
  const lanes = createLaneRunner({
    timers,
    logger: deps.logger,
    work: (key, lane) =>
      key === CHANNEL_LANE ? poster.postInChannel(lane) : poster.renderOperation(lane, key),
    onGiveUp: (key, error) =>
      key === CHANNEL_LANE ? Promise.resolve() : poster.tellRequesterUnposted(key, error),
  });

  async function handle(event: LifeboatEvent): Promise<void> {
    const work = renderEvent(event);
    if (!work) return;
    switch (work.kind) {
      case 'render':
        return lanes.render(work.operationId);
      case 'thread':
        return lanes.post(work.operationId, work.line);
      case 'channel':
        return lanes.post(CHANNEL_LANE, work.line);
    }
  }

  const blocking = infra.redis.duplicate();
  const consumption = deps.events.consume(blocking, SLACK_CONSUMER_GROUP, consumer, handle, {
    ...(options.blockMs !== undefined ? { blockMs: options.blockMs } : {}),
    onError: (error, event) =>
      deps.logger.error({ err: error, event: event.type }, 'Slack notifier failed on an event'),
  });

  // The RTO clock in a running operation's message moves even when no step changes; and lanes
  // with nothing left to do are dropped, so a long-lived bot keeps only the messages in motion.
  const refreshClocks = async () => {
    lanes.sweep();
    for (const environment of Object.keys(deps.config.current().environments)) {
      const holder = await deps.locks.holder(environment);
      const op = holder ? await deps.operations.get(holder) : undefined;
      if (op && showsRunningClock(op)) {
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
    busy: () => lanes.busy(),
    settled: () => lanes.settled(),
    async stop() {
      stopped = true;
      cancelRefresh?.();
      await consumption.stop();
      blocking.disconnect();
      await lanes.stop();
    },
  };
}
