import { createConfigSource } from '../../src/config/config-source';
import { syncBackupSchedules } from '../../src/backups/sync-backup-schedules';
import { fakeClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { createMemoryBackupSchedules } from '../../src/queue/memory/backup-schedules';
import { configFrom } from '../support/harness';
import { backupConfigYaml } from './support/backup-fixtures';

const HOUR_MS = 3_600_000;

describe('syncBackupSchedules (in memory)', () => {
  const clock = fakeClock('2026-03-01T00:00:00Z');
  const noDurations = { record: async () => undefined, list: async () => [] };
  const logger = createLogger('silent');

  it('plans one schedule per environment and drops those of environments removed', async () => {
    const backupSchedules = createMemoryBackupSchedules(clock);
    const config = configFrom(backupConfigYaml());
    const first = await syncBackupSchedules(
      { config: createConfigSource(config), backupSchedules, logger },
      noDurations,
    );
    expect(first.changes.map((c) => [c.environment, c.change, c.nextMs])).toEqual([
      ['shop-prod', 'created', clock.now().toMillis()],
      ['intranet-prod', 'created', clock.now().toMillis()],
    ]);

    clock.advance({ hours: 1 });
    const shopOnly = configFrom(
      backupConfigYaml({ shopRpo: '24h' }).replace(/ {2}intranet-prod:[\s\S]*$/, ''),
    );
    const second = await syncBackupSchedules(
      { config: createConfigSource(shopOnly), backupSchedules, logger },
      noDurations,
    );
    expect(second.removed).toEqual(['intranet-prod']);
    expect(second.changes.map((c) => [c.change, c.interval.intervalMs])).toEqual([
      ['updated', 23.5 * HOUR_MS],
    ]);
    expect(await backupSchedules.environments()).toEqual(['shop-prod']);
  });
});
