import type { Redis } from 'ioredis';
import type { WaitNotice } from '../../commands/verb-context';
import type { Logger } from '../logger';

/** How long a command may wait on Redis before its user is told why. */
export const REDIS_WAIT_NOTICE_MS = 4_000;

/**
 * The commands' WaitNotice for this bot's Redis: when a command's work is still waiting after
 * `afterMs` and Redis is not connected, its user is told once, through Slack (which does not
 * need Redis), that the command waits for Redis and runs when it answers. Commands are never
 * dropped: ioredis holds them until Redis is back.
 */
export function redisWaitNotice(
  redis: Pick<Redis, 'status'>,
  logger: Logger,
  afterMs = REDIS_WAIT_NOTICE_MS,
): WaitNotice {
  return async (reply, what, work) => {
    const timer = setTimeout(() => {
      if (redis.status === 'ready') return;
      reply({
        text: `:hourglass: Lifeboat cannot reach its Redis right now (${redis.status}); \`${what}\` waits and runs as soon as Redis answers.`,
      }).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not say that Redis is unreachable'),
      );
    }, afterMs);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  };
}
