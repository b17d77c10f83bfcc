import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';

/** How long a requester's "your request was not posted" notice is remembered as sent. */
export const UNPOSTED_NOTICE_TTL_S = 24 * 3600;

/**
 * What the notifier keeps about an operation's request message besides where it is. Promises:
 * - `claimPosting` is true for one claimant at a time, so of two consumers handling the same
 *   event one posts and the other looks again later; a claim lapses after `leaseMs` (a poster
 *   that died mid-call does not hold the message back for ever) or when `releasePosting` gives
 *   it back after a failed post;
 * - `claimUnpostedNotice` is true once per operation (for a day): the requester hears once that
 *   the request could not be posted.
 * Deliberately not here: the message's channel and ts, which live on the operation
 * (`Operation.slack`, set once by the poster with a compare-and-set), so they are read together
 * with the state the message shows; and anything about rendering or Slack's answers.
 */
export interface RequestMessageStore {
  claimPosting(operationId: string, holder: string, leaseMs: number): Promise<boolean>;
  releasePosting(operationId: string): Promise<void>;
  claimUnpostedNotice(operationId: string): Promise<boolean>;
}

/** In Redis: `slack:posting:<id>` (SET NX PX, the holder's name) and `slack:unposted:<id>` (SET NX EX). */
export function createRequestMessageStore(redis: Redis, keys: RedisKeys): RequestMessageStore {
  const posting = (id: string) => keys.custom(`slack:posting:${id}`);
  return {
    async claimPosting(operationId, holder, leaseMs) {
      return (await redis.set(posting(operationId), holder, 'PX', leaseMs, 'NX')) === 'OK';
    },
    async releasePosting(operationId) {
      await redis.del(posting(operationId));
    },
    async claimUnpostedNotice(operationId) {
      const once = keys.custom(`slack:unposted:${operationId}`);
      return (await redis.set(once, '1', 'EX', UNPOSTED_NOTICE_TTL_S, 'NX')) === 'OK';
    },
  };
}
