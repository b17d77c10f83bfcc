import type { RedisKeys } from '../redis/redis-keys';

/** The Redis keys of the backup and RPO monitor stores, under the deployment's prefix. */
export function backupKeys(keys: RedisKeys) {
  return {
    /** The run id of the environment's run in flight (SET NX, released by its owner). */
    inFlight: (env: string) => keys.custom(`backup:inflight:${env}`),
    /** Capped list of observed backup+copy durations in ms, oldest first. */
    durations: (env: string) => keys.custom(`backup:durations:${env}`),
    /** Hash: configured resource ARN → JSON of the last backup or copy job's outcome. */
    outcomes: (env: string) => keys.custom(`backup:outcomes:${env}`),
    /** The last RPO alert state the monitor announced (a status name). */
    alertState: (env: string) => keys.custom(`rpo:alert:${env}`),
  } as const;
}
export type BackupKeys = ReturnType<typeof backupKeys>;
