import type { Redis } from 'ioredis';
import type { ExposureStatus } from '../core/rpo-exposure';
import type { BackupKeys } from './backup-keys';

/**
 * Compare-and-set of the announced status, in one script so that two monitors never announce one
 * transition twice: entering a worse status alerts, returning to ok recovers, anything else is quiet.
 */
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

export type AlertTransition = 'alert' | 'recovered' | 'none';

/** The RPO alert state per environment: what was last announced. */
export interface RpoAlertState {
  transition(environment: string, status: ExposureStatus): Promise<AlertTransition>;
  current(environment: string): Promise<ExposureStatus>;
}

export function createRpoAlertState(redis: Redis, keys: BackupKeys): RpoAlertState {
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
      return ((await redis.get(keys.alertState(environment))) ?? 'ok') as ExposureStatus;
    },
  };
}
