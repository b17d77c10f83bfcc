import type { LifeboatDeps } from '../lifeboat-deps';
import type { Reply } from '../slack/reply';

/** How long a command may wait on Redis before its user is told why. */
export const REDIS_WAIT_NOTICE_MS = 4_000;

/**
 * Runs `work`; when it is still waiting after `afterMs` and Redis is not connected, tells the
 * user once, through Slack (which does not need Redis), that the command waits for Redis and runs
 * when it answers. Commands are never dropped: ioredis holds them until Redis is back.
 */
export async function withRedisWaitNotice<T>(
  deps: Pick<LifeboatDeps, 'redis' | 'logger'>,
  reply: (message: Reply) => Promise<unknown>,
  what: string,
  work: () => Promise<T>,
  afterMs = REDIS_WAIT_NOTICE_MS,
): Promise<T> {
  const timer = setTimeout(() => {
    if (deps.redis.status === 'ready') return;
    reply({
      text: `:hourglass: Lifeboat cannot reach its Redis right now (${deps.redis.status}); \`${what}\` waits and runs as soon as Redis answers.`,
    }).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'could not say that Redis is unreachable'),
    );
  }, afterMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
  }
}
