import type { RedisKeys } from '../redis/redis-keys';

/** The Redis keys of backups and the RPO monitor, under the deployment's prefix. */
export function backupKeys(keys: RedisKeys) {
  return {
    /** The run id of the environment's run in flight (SET NX, released by its owner). */
    inFlight: (env: string) => keys.custom(`backup:inflight:${env}`),
    /** Capped list of observed backup+copy durations in ms, oldest first. */
    durations: (env: string) => keys.custom(`backup:durations:${env}`),
    /** Hash: configured resource ARN → JSON of the last backup or copy job's outcome. */
    outcomes: (env: string) => keys.custom(`backup:outcomes:${env}`),
    /** Set while a catch-up run may not be queued again (PX: the gap between two). */
    catchUp: (env: string) => keys.custom(`backup:catch-up:${env}`),
    /** The last RPO alert state the monitor announced (JSON). */
    alertState: (env: string) => keys.custom(`rpo:alert:${env}`),
  } as const;
}
export type BackupKeys = ReturnType<typeof backupKeys>;
