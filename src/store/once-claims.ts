import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';

/**
 * Names claimed once for a while: "this happened; do not do it again for this long". Promises:
 * - of any number of claims of one name, racing or not, one wins (`true`) and the others lose,
 *   for `forMs` (a whole number of ms, at least 1) after the winning claim;
 * - once more than `forMs` have passed, the name may be claimed again;
 * - names are independent of each other.
 * Not promised: a way to release or extend a claim, to learn who claimed it, or that a claim
 * lasts longer than `forMs`. A claim is a promise to itself, not a lock: whoever wins does the
 * work, and a crash after the claim means the work is not done (callers order their steps so
 * that this is harmless).
 */
export interface OnceClaims {
  claim(name: string, forMs: number): Promise<boolean>;
}

/** `SET <prefix>:<name> 1 PX forMs NX`. */
export function createOnceClaims(redis: Redis, keys: RedisKeys): OnceClaims {
  return {
    async claim(name, forMs) {
      return (await redis.set(keys.custom(name), '1', 'PX', forMs, 'NX')) === 'OK';
    },
  };
}
