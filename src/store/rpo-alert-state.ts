import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ExposureStatus } from '../core/rpo-exposure';
import type { RedisKeys } from '../redis/redis-keys';
import { backupKeys } from './backup-keys';
import { parseStoredRecord } from './parse-stored-record';

export type AlertTransition = 'alert' | 'recovered' | 'none';

/**
 * The RPO status last announced per environment, so that a change is announced once. Promises:
 * - `transition` is one compare-and-set: entering a worse status than the one announced says
 *   `alert` (and remembers it), returning to ok from anything else says `recovered`, anything
 *   else says `none` and changes nothing; two monitors racing never announce one change twice;
 * - an environment never announced is ok.
 * Not promised: a history of transitions, or when one happened (the audit log keeps those).
 */
export interface RpoAlertState {
  transition(environment: string, status: ExposureStatus): Promise<AlertTransition>;
  current(environment: string): Promise<ExposureStatus>;
}

/** How much worse each status is; one order for the Redis script and the in-memory store. */
export const ALERT_SEVERITY: Readonly<Record<ExposureStatus, number>> = {
  ok: 0,
  'at-risk': 1,
  breached: 2,
  unprotected: 3,
};

const TRANSITION = `
local severity = { ['ok'] = 0, ['at-risk'] = 1, ['breached'] = 2, ['unprotected'] = 3 }
local previous = redis.call('GET', KEYS[1]) or 'ok'
local next = ARGV[1]
if next == 'ok' then
  if previous ~= 'ok' then redis.call('SET', KEYS[1], 'ok') return 'recovered' end
  return 'none'
end
if (severity[next] or 0) > (severity[previous] or 0) then
  redis.call('SET', KEYS[1], next)
  return 'alert'
end
return 'none'`;

const statusSchema = z.enum(ExposureStatus);

export function createRpoAlertState(redis: Redis, redisKeys: RedisKeys): RpoAlertState {
  const keys = backupKeys(redisKeys);
  return {
    async transition(environment, status) {
      return (await redis.eval(
        TRANSITION,
        1,
        keys.alertState(environment),
        status,
      )) as AlertTransition;
    },
    async current(environment) {
      const key = keys.alertState(environment);
      const stored = await redis.get(key);
      return stored === null ? 'ok' : parseStoredRecord(statusSchema, stored, { key });
    },
  };
}
