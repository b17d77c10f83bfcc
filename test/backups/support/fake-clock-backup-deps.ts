import type { Redis } from 'ioredis';
import { fakeClock, type FakeClock } from '../../../src/clock';
import { createConfigSource } from '../../../src/config/config-source';
import { createInfra, type Infra } from '../../../src/create-infra';
import { createLifeboatDeps, type AwsPorts, type LifeboatDeps } from '../../../src/lifeboat-deps';
import { createLogger } from '../../../src/logger';
import { configFrom } from '../../support/harness';
import { deletePrefix, uniquePrefix } from '../../support/redis-prefix';
import { backupConfigYaml } from './backup-fixtures';

/**
 * Lifeboat on the backup configuration, a fake clock at 2026-03-01T00:00:00Z, `aws`, and a real
 * Redis under a prefix of its own; `close` closes the queues and deletes the prefix's keys.
 */
export function fakeClockBackupDeps(
  redis: Redis,
  name: string,
  options: { aws: AwsPorts; pollMs: number },
): { deps: LifeboatDeps; infra: Infra; clock: FakeClock; close(): Promise<void> } {
  const prefix = uniquePrefix(name);
  const clock = fakeClock('2026-03-01T00:00:00Z');
  const logger = createLogger('silent');
  const infra = createInfra({ redis, prefix, logger });
  const deps = createLifeboatDeps(
    {
      config: createConfigSource(configFrom(backupConfigYaml())),
      clock,
      logger,
      pollMs: options.pollMs,
      aws: options.aws,
    },
    infra,
  );
  return {
    deps,
    infra,
    clock,
    async close() {
      await infra.queues.close();
      await deletePrefix(redis, prefix);
    },
  };
}
