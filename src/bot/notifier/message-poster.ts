import type { WebClient } from '@slack/web-api';
import type { Operation } from '../../core/types';
import type { LifeboatDeps } from '../../lifeboat-deps';
import { operationMessage } from '../../slack/blocks/operation-message';
import { slackCall, slackErrorCode } from '../../slack/slack-call';
import type { RequestMessageStore } from '../../store/request-message-store';
import type { Timers } from '../../timers';
import type { MessageLane } from './message-lane';
import { unpostedNotice } from './render-event';

/** How long one consumer's claim to post a request message holds the others off. */
const POSTING_LEASE_MS = 60_000;

/** The Slack calls of the notifier's lanes. */
export interface MessagePoster {
  /** One pass of the channel's lane: its lines, in order. */
  postInChannel(lane: MessageLane): Promise<void>;
  /**
   * One pass of an operation's lane: posts its request message if nobody has, then the thread
   * lines, then (when the lane is dirty and the update interval has passed) the update.
   */
  renderOperation(lane: MessageLane, operationId: string): Promise<void>;
  /** The operation's lane gave up: tells its requester when its request message was never posted. */
  tellRequesterUnposted(operationId: string, error: unknown): Promise<void>;
}

export function createMessagePoster(input: {
  deps: Pick<LifeboatDeps, 'config' | 'clock' | 'logger' | 'operations'>;
  client: WebClient;
  messages: RequestMessageStore;
  timers: Timers;
  /** At most one chat.update per message per this long. */
  intervalMs: number;
  /** This consumer's name, held in the posting claim. */
  consumer: string;
}): MessagePoster {
  const { deps, client, messages, timers, intervalMs, consumer } = input;
  const nowMs = () => timers.clock.now().toMillis();

  async function postInChannel(lane: MessageLane): Promise<void> {
    while (lane.thread.length > 0) {
      const text = lane.thread[0] ?? '';
      await slackCall(() =>
        client.chat.postMessage({
          channel: deps.config.current().slack.channel,
          text,
          mrkdwn: true,
        }),
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
      const message = operationMessage(
        op,
        deps.clock.now(),
        deps.config.current().approval.minApprovers,
      );
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
      if (!(await messages.claimUnpostedNotice(op.id))) return;
      const text = unpostedNotice(op, deps.config.current().slack.channel, slackErrorCode(error));
      await slackCall(() => client.chat.postMessage({ channel: op.requestedBy, text }));
    } catch (failure) {
      deps.logger.warn(
        { operationId, err: slackErrorCode(failure) },
        'could not tell the requester that the request was not posted',
      );
    }
  }

  /** Posts the request message once: a claim in the store holds off a second poster. */
  async function postRequest(op: Operation): Promise<Operation | undefined> {
    if (!(await messages.claimPosting(op.id, consumer, POSTING_LEASE_MS))) return undefined;
    try {
      const message = operationMessage(
        op,
        deps.clock.now(),
        deps.config.current().approval.minApprovers,
      );
      const posted = await slackCall(() =>
        client.chat.postMessage({
          channel: deps.config.current().slack.channel,
          text: message.text,
          blocks: message.blocks,
        }),
      );
      const slack = {
        channel: posted.channel ?? deps.config.current().slack.channel,
        ts: posted.ts ?? '',
      };
      const { op: stored } = await deps.operations.update(op.id, (current) =>
        current.slack ? undefined : { op: { ...current, slack } },
      );
      return stored;
    } catch (error) {
      await messages.releasePosting(op.id);
      throw error;
    }
  }

  return { postInChannel, renderOperation, tellRequesterUnposted };
}
