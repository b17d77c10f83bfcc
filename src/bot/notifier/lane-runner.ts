import type { Logger } from '../../logger';
import { RateLimited } from '../../slack/rate-limited';
import { slackErrorCode } from '../../slack/slack-call';
import type { Timers } from '../../timers';
import { MessageLane } from './message-lane';

/** Work that fails this many times in a row is dropped. */
export const MAX_FAILURES = 3;

/**
 * The per-message lanes, one per key (an operation's request message, or the channel): each is
 * paced on its own, so a 429 or a failure delays that message alone. A failed pass is retried
 * after 2 s, then 4 s, like a Retry-After; at the third failure in a row what the lane had
 * waiting is dropped and `onGiveUp` runs.
 */
export interface LaneRunner {
  /** Marks `key`'s message to be rendered again (the latest state wins) and runs its lane. */
  render(key: string): Promise<void>;
  /** Queues `line` on `key`'s lane (lines go out in order) and runs it. */
  post(key: string, line: string): Promise<void>;
  /** Drops the lanes with nothing left to do: a long-lived bot keeps only the messages in motion. */
  sweep(): void;
  /** Whether any lane still has work waiting (a paced update, a Retry-After). */
  busy(): boolean;
  /** Resolves when no lane has a pass in progress (work waiting on a wake-up may remain). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function createLaneRunner(input: {
  timers: Timers;
  logger: Logger;
  /** One pass of `key`'s lane: its queued lines, then a render if it is dirty; a RateLimited waits. */
  work: (key: string, lane: MessageLane) => Promise<void>;
  /** `key`'s work failed MAX_FAILURES times in a row; its waiting work is already dropped. */
  onGiveUp: (key: string, error: unknown) => Promise<void>;
}): LaneRunner {
  const { timers, logger } = input;
  const lanes = new Map<string, MessageLane>();
  const failures = new Map<string, number>();

  const laneFor = (key: string): MessageLane => {
    let lane = lanes.get(key);
    if (!lane) {
      lane = new MessageLane(
        async (l) => {
          try {
            await input.work(key, l);
            failures.delete(key);
          } catch (error) {
            if (error instanceof RateLimited) throw error;
            const count = (failures.get(key) ?? 0) + 1;
            failures.set(key, count);
            logger.warn({ key, err: slackErrorCode(error), attempt: count }, 'Slack call failed');
            // A transient failure is retried a few times, paced like a 429; then it is dropped.
            if (count < MAX_FAILURES) throw new RateLimited(1000 * 2 ** count);
            failures.delete(key);
            l.dirty = false;
            l.thread.length = 0;
            await input.onGiveUp(key, error);
          }
        },
        (error) => logger.error({ key, err: error }, 'notifier lane failed'),
        timers,
      );
      lanes.set(key, lane);
    }
    return lane;
  };

  return {
    render(key) {
      const lane = laneFor(key);
      lane.dirty = true;
      return lane.kick();
    },
    post(key, line) {
      const lane = laneFor(key);
      lane.thread.push(line);
      return lane.kick();
    },
    sweep() {
      for (const [key, lane] of lanes) {
        if (!lane.idle) continue;
        lanes.delete(key);
        failures.delete(key);
      }
    },
    busy: () => [...lanes.values()].some((l) => l.busy),
    async settled() {
      await Promise.all([...lanes.values()].map((l) => l.settled()));
    },
    async stop() {
      await Promise.all([...lanes.values()].map((l) => l.stop()));
    },
  };
}
