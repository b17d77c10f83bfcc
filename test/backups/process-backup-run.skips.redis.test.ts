import { backupSchedulerId } from '../../src/queue/scheduler-ids';
import { processBackupRun, type BackupRunJobData } from '../../src/backups/process-backup-run';
import { runIdFor } from '../../src/queue/run-id';
import { DEFAULT_BACKUP_SETTINGS } from '../../src/backups/backup-settings';
import { syncBackupSchedules } from '../../src/backups/sync-backup-schedules';
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config/config';
import { createConfigSource } from '../../src/config/config-source';
import { createInfra, type Infra } from '../../src/create-infra';
import { createLifeboatDeps, type LifeboatDeps } from '../../src/lifeboat-deps';
import { createLogger } from '../../src/logger';
import { configFrom } from '../support/harness';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';
import { backupConfigYaml, publishedEvents } from './support/backup-fixtures';
import { scriptedBackupPort } from './support/scripted-backup-port';

const HOUR_MS = 3_600_000;

describe('skipped ticks and schedules (real Redis and BullMQ, scripted AWS)', () => {
  const redis = testRedis();
  const logger = createLogger('silent');
  let prefix: string;
  let infra: Infra;
  let aws: ReturnType<typeof scriptedBackupPort>;

  function depsWith(config: Config): LifeboatDeps {
    return createLifeboatDeps(
      { config: createConfigSource(config), clock: systemClock, logger, pollMs: 50, aws: aws.aws },
      infra,
    );
  }

  beforeEach(() => {
    prefix = uniquePrefix('bk-skip');
    infra = createInfra({ redis, prefix, logger });
    aws = scriptedBackupPort();
  });
  afterEach(async () => {
    await infra.queues.close();
    await deletePrefix(redis, prefix);
  });
  afterAll(() => redis.disconnect());

  const data: BackupRunJobData = { environment: 'shop-prod', trigger: 'schedule' };
  const step = (deps: LifeboatDeps, runId: string, jobData = data) =>
    processBackupRun(deps, {
      runId,
      tickId: runId,
      data: jobData,
      settings: DEFAULT_BACKUP_SETTINGS,
    });

  it('skips, and records, a tick while an operation holds the environment', async () => {
    const deps = depsWith(configFrom(backupConfigYaml()));
    await deps.locks.acquire('shop-prod', 'op-failover-1');
    const result = await step(deps, 'tick-1@1');
    expect(result).toMatchObject({ kind: 'skipped' });
    expect(aws.starts).toHaveLength(0);
    const [finished] = await publishedEvents(redis, infra.keys.events);
    expect(finished).toMatchObject({
      type: 'backup.finished',
      outcome: 'skipped',
      environment: 'shop-prod',
    });
    expect(finished?.type === 'backup.finished' && finished.message).toContain('op-failover-1');
    const [entry] = await deps.audit.read({ environment: 'shop-prod' });
    expect(entry?.summary).toContain('backup skipped');
  });

  it('skips a tick while a run is in flight, and takes over a run whose job is gone', async () => {
    const deps = depsWith(configFrom(backupConfigYaml()));
    const job = await infra.queues.backups.add('backup', data);
    const first = runIdFor(job.id ?? '', job.timestamp);
    expect(await step(deps, first)).toMatchObject({ kind: 'wait' });

    expect(await step(deps, 'tick-2@2')).toMatchObject({
      kind: 'skipped',
      reason: `backup run ${first} of shop-prod is still in flight`,
    });
    expect(aws.starts).toHaveLength(2);

    await job.remove();
    expect(await step(deps, 'tick-3@3')).toMatchObject({ kind: 'wait' });
    expect(await deps.backupsInFlight.holder('shop-prod')).toBe('tick-3@3');
    expect(aws.starts).toHaveLength(4);
  });

  it('keeps one scheduler per configured environment, re-planned on change, without an extra tick', async () => {
    const deps = depsWith(configFrom(backupConfigYaml()));
    const durations = deps.backupDurations;
    const first = await syncBackupSchedules(deps, durations);
    expect(first.changes.map((c) => [c.environment, c.change, c.interval.intervalMs])).toEqual([
      ['shop-prod', 'created', 3.5 * HOUR_MS],
      ['intranet-prod', 'created', 23.5 * HOUR_MS],
    ]);
    // Every worker syncs on start; an unchanged schedule is left alone.
    const again = await syncBackupSchedules(deps, durations);
    expect(again.changes.map((c) => c.change)).toEqual(['unchanged', 'unchanged']);

    // The configuration changes: shop-prod moves to the 24h tier, intranet-prod is gone.
    const createdNext =
      (await infra.queues.backups.getJobScheduler(backupSchedulerId('shop-prod')))?.next ?? 0;
    const changed = depsWith(
      configFrom(backupConfigYaml({ shopRpo: '24h' }).replace(/ {2}intranet-prod:[\s\S]*$/, '')),
    );
    const third = await syncBackupSchedules(changed, durations);
    expect(third.removed).toEqual(['intranet-prod']);
    expect(third.changes.map((c) => [c.change, c.interval.intervalMs])).toEqual([
      ['updated', 23.5 * HOUR_MS],
    ]);
    const schedulers = await infra.queues.backups.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.id ?? s.key)).toEqual([backupSchedulerId('shop-prod')]);
    const shop = await infra.queues.backups.getJobScheduler(backupSchedulerId('shop-prod'));
    expect(shop?.every).toBe(23.5 * HOUR_MS);
    // The next tick is one new interval after the last one, not now.
    expect(shop?.next).toBe(createdNext - 3.5 * HOUR_MS + 23.5 * HOUR_MS);

    // Observed durations re-plan the interval: rpo − p90, rounded down to a minute.
    for (const ms of [40_000, 50_000, 70_000]) await durations.record('shop-prod', ms);
    const fourth = await syncBackupSchedules(changed, durations);
    expect(fourth.changes[0]).toMatchObject({
      change: 'updated',
      interval: { intervalMs: 24 * HOUR_MS - 2 * 60_000 },
    });
  });
});
