import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ExposureStatus, type Exposure } from '../core/rpo-exposure';
import type { RedisKeys } from '../redis/redis-keys';
import { parseStoredJson } from './parse-stored-record';

/**
 * What the RPO monitor keeps per environment for `/dr status` and `/metrics`: the core's
 * exposure, when it was computed and what the schedule promises next.
 */
export interface StoredExposure extends Exposure {
  computedAt: string;
  /** When the environment's scheduler fires next (ISO), when it has one. */
  nextBackupAt?: string;
  /** The scheduler's interval. */
  intervalMs?: number;
  /** A backup run was in flight when this was measured. */
  backupRunning?: boolean;
  /** How long a backup and its copy are expected to take (the planner's estimate). */
  expectedBackupDurationMs: number;
  /** The protection region did not answer: the points are the last ones seen. */
  protectionRegionDark?: boolean;
  /** Why the status is not ok, in one line for people. */
  reason?: string;
}

/**
 * The latest measured exposure per environment. Promises: `put` replaces the environment's
 * previous measurement whole; `get` returns the last one put, or undefined when none was, and
 * throws a LifeboatError naming the key when the stored record is not a StoredExposure.
 * Not promised: older measurements, or that the one returned is recent (see `computedAt`).
 */
export interface ExposureStore {
  put(exposure: StoredExposure): Promise<void>;
  get(environment: string): Promise<StoredExposure | undefined>;
}

const status = z.enum(ExposureStatus);

const recoveryPointSchema = z.looseObject({
  recoveryPointArn: z.string(),
  resourceArn: z.string(),
  resourceType: z.string(),
  region: z.string(),
  vaultName: z.string(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
  status: z.enum(['COMPLETED', 'PARTIAL', 'DELETING', 'EXPIRED']),
  encryptionKeyArn: z.string().optional(),
  sourceBackupVaultArn: z.string().optional(),
});

/** Unknown fields are kept as written: a newer writer's additions survive an older reader. */
const storedExposureSchema: z.ZodType<StoredExposure> = z.looseObject({
  environment: z.string(),
  region: z.string(),
  perResource: z.array(
    z.looseObject({
      resourceArn: z.string(),
      currentArn: z.string(),
      newestPoint: recoveryPointSchema.optional(),
      exposureMs: z.number().optional(),
      status,
    }),
  ),
  worstExposureMs: z.number().optional(),
  status,
  rpoTargetMs: z.number(),
  worstResourceArn: z.string().optional(),
  computedAt: z.string(),
  nextBackupAt: z.string().optional(),
  intervalMs: z.number().optional(),
  backupRunning: z.boolean().optional(),
  expectedBackupDurationMs: z.number(),
  protectionRegionDark: z.boolean().optional(),
  reason: z.string().optional(),
});

/** One JSON string per environment, at `keys.exposure(env)`. */
export function createExposureStore(redis: Redis, keys: RedisKeys): ExposureStore {
  return {
    async put(exposure) {
      await redis.set(keys.exposure(exposure.environment), JSON.stringify(exposure));
    },
    async get(environment) {
      const key = keys.exposure(environment);
      const json = await redis.get(key);
      return json === null ? undefined : parseStoredJson(storedExposureSchema, json, { key });
    },
  };
}
