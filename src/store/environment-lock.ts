import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redis/redis-keys';
import { readKey, storedRecordInvalid } from './parse-stored-record';

/**
 * One operation per environment. The lock is taken when an operation is requested and released
 * when it ends (denied, expired, cancelled, succeeded, failed), so a second request for the same
 * environment is refused while the first lives. It has no TTL: an operation outlives any worker,
 * and a worker that resumes it still holds it. Promises:
 * - `acquire` succeeds for one caller only; the others learn who holds it;
 * - `release` and `takeOver` act only if the lock is held by the id they name (compare-and-delete),
 *   so a late release never frees a lock that another operation has since taken;
 * - a holder read back that is not an operation id is a LifeboatError (`stored_record_invalid`)
 *   naming the key.
 */
export interface EnvironmentLock {
  acquire(
    environment: string,
    operationId: string,
  ): Promise<{ acquired: true } | { acquired: false; holder: string }>;
  holder(environment: string): Promise<string | undefined>;
  release(environment: string, operationId: string): Promise<boolean>;
  /** Replaces a holder known to be finished (e.g. an expired request) with a new operation. */
  takeOver(environment: string, staleHolder: string, operationId: string): Promise<boolean>;
}

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;

/** What a lock holds: the id of an operation (one line, no spaces, as request ids are made). */
const holderSchema = z.string().regex(/^\S+$/);

export function createEnvironmentLock(redis: Redis, keys: RedisKeys): EnvironmentLock {
  async function read(environment: string): Promise<string | null> {
    const key = keys.environmentLock(environment);
    const holder = await readKey({ key, what: 'environment lock' }, () => redis.get(key));
    if (holder !== null && !holderSchema.safeParse(holder).success) {
      throw storedRecordInvalid(
        { key, what: 'environment lock' },
        `${JSON.stringify(holder.slice(0, 80))} is not an operation id`,
      );
    }
    return holder;
  }

  return {
    async acquire(environment, operationId) {
      const key = keys.environmentLock(environment);
      const set = await redis.set(key, operationId, 'NX');
      if (set === 'OK') return { acquired: true };
      const holder = await read(environment);
      if (holder === null || holder === operationId) {
        return holder === operationId ? { acquired: true } : this.acquire(environment, operationId);
      }
      return { acquired: false, holder };
    },
    async holder(environment) {
      return (await read(environment)) ?? undefined;
    },
    async release(environment, operationId) {
      return (await redis.eval(RELEASE, 1, keys.environmentLock(environment), operationId)) === 1;
    },
    async takeOver(environment, staleHolder, operationId) {
      const key = keys.environmentLock(environment);
      return (await redis.eval(TAKE_OVER, 1, key, staleHolder, operationId)) === 1;
    },
  };
}
