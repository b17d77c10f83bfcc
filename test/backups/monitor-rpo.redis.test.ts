import type { DateTime } from 'luxon';
import { backupSchedulerId } from '../../src/queue/scheduler-ids';
import { monitorRpo } from '../../src/backups/monitor-rpo';
import type { StoredExposure } from '../../src/store/exposure-store';
import type { FakeClock } from '../../src/clock';
import type { Infra } from '../../src/create-infra';
import type { RecoveryPoint } from '../../src/core/types';
import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import type { LifeboatDeps } from '../../src/lifeboat-deps';
import { testRedis } from '../support/redis-prefix';
import { environmentEvents, ORDERS, SHOP_DB, WIKI } from './support/backup-fixtures';
import { fakeBackupPort } from './support/fake-backup-port';
import { fakeClockBackupDeps } from './support/fake-clock-backup-deps';

const HOUR_MS = 3_600_000;

function copied(
  resourceArn: string,
  createdAt: DateTime,
  region = 'eu-central-1',
  vaultName = 'shop-prod-dr',
): RecoveryPoint {
  return {
    recoveryPointArn: `arn:aws:backup:${region}:111122223333:recovery-point:${resourceArn.split(/[:/]/).pop() ?? ''}-${createdAt.toMillis()}`,
    resourceArn,
    resourceType: 'RDS',
    region,
    vaultName,
    createdAt: createdAt.toUTC().toISO() ?? '',
    status: 'COMPLETED',
  };
}

describe('RPO monitor (fake clock, real Redis)', () => {
  let deps: LifeboatDeps;
  let infra: Infra;
  let clock: FakeClock;
  let aws: ReturnType<typeof fakeBackupPort>;
  const redis = testRedis();
  let close: () => Promise<void>;

  beforeEach(() => {
    aws = fakeBackupPort();
    ({ deps, infra, clock, close } = fakeClockBackupDeps(redis, 'bk-rpo', {
      aws: aws.aws,
      pollMs: 50,
    }));
  });
  afterEach(() => close());
  afterAll(() => redis.disconnect());

  const events = (type: LifeboatEvent['type'], environment = 'shop-prod') =>
    environmentEvents(redis, infra.keys.events, type, environment);
  const stored = async (environment = 'shop-prod') =>
    (await deps.exposures.get(environment)) as StoredExposure;

  function protectAll(at: DateTime) {
    aws.points.push(
      copied(SHOP_DB, at),
      copied(ORDERS, at),
      copied(WIKI, at, 'eu-north-1', 'intranet-dr'),
    );
  }

  it('stores the exposure that status and metrics read, ok while the data is fresh', async () => {
    protectAll(clock.now());
    clock.advance({ hours: 1 });
    const result = await monitorRpo(deps);
    expect(result.errors).toEqual({});
    const exposure = await stored();
    expect(exposure.status).toBe('ok');
    expect(exposure.worstExposureMs).toBe(HOUR_MS);
    expect(exposure.computedAt).toBe('2026-03-01T01:00:00.000Z');
    expect(exposure.expectedBackupDurationMs).toBe(30 * 60_000);
    expect(exposure.perResource.map((r) => r.resourceArn).sort()).toEqual([ORDERS, SHOP_DB].sort());
    expect(await events('rpo.alert')).toHaveLength(0);
  });

  it('alerts once when the next backup cannot land in time, again only when breached, and recovers once', async () => {
    protectAll(clock.now());
    clock.advance({ hours: 3, minutes: 31 });
    await monitorRpo(deps);
    await monitorRpo(deps);
    let alerts = await events('rpo.alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'at-risk',
      rpoTargetMs: 4 * HOUR_MS,
      exposureMs: (3 * 60 + 31) * 60_000,
    });

    clock.advance({ minutes: 30 });
    await monitorRpo(deps);
    await monitorRpo(deps);
    alerts = await events('rpo.alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ status: 'breached', resourceArn: expect.any(String) });
    expect(alerts[1]?.type === 'rpo.alert' && alerts[1].reason).toContain('past the 4h target');

    protectAll(clock.now());
    await monitorRpo(deps);
    await monitorRpo(deps);
    expect(await events('rpo.recovered')).toHaveLength(1);
    expect(await events('rpo.alert')).toHaveLength(2);
    expect((await stored()).status).toBe('ok');
  });

  it('counts a run in flight as the next backup, whatever the scheduler says', async () => {
    // A scheduler whose next tick (BullMQ's own time) is far past this test's clock.
    await infra.queues.backups.upsertJobScheduler(
      backupSchedulerId('shop-prod'),
      { every: 3.5 * HOUR_MS, startDate: Date.now() + HOUR_MS },
      { name: 'backup', data: { environment: 'shop-prod', trigger: 'schedule' } },
    );
    protectAll(clock.now());
    clock.advance({ hours: 1 });
    const marker = deps.backupsInFlight;
    expect(await marker.claim('shop-prod', 'run-1')).toEqual({ owned: true });
    await monitorRpo(deps);
    const running = await stored();
    expect(running.status).toBe('ok');
    expect(running.backupRunning).toBe(true);
    expect(await events('rpo.alert')).toHaveLength(0);

    // Once the run is over with nothing landed, the next tick is too late: a catch-up run is
    // queued at once, and not again on the next rounds.
    await marker.release('shop-prod', 'run-1');
    await monitorRpo(deps);
    const after = await stored();
    expect(after.status).toBe('at-risk');
    expect(after.reason).toMatch(
      /the next backup \(due in [^)]+\) cannot land.*; a catch-up backup starts now$/,
    );
    expect(after.backupRunning).toBe(true);
    expect(await events('rpo.alert')).toHaveLength(1);
    await monitorRpo(deps);
    await monitorRpo(deps);
    // Waiting, beside the scheduler's own delayed tick.
    const queued = await infra.queues.backups.getJobs(['waiting']);
    expect(queued.filter((j) => j.name === 'backup').map((j) => j.data)).toEqual([
      { environment: 'shop-prod', trigger: 'schedule' },
    ]);
    const audit = await deps.audit.read();
    expect(audit.filter((e) => /catch-up backup of shop-prod/.test(e.summary))).toHaveLength(1);
  });

  it('says the run in flight is the next backup when even it lands too late', async () => {
    protectAll(clock.now());
    clock.advance({ hours: 3, minutes: 31 });
    const marker = deps.backupsInFlight;
    await marker.claim('shop-prod', 'run-1');
    await monitorRpo(deps);
    const exposure = await stored();
    expect(exposure.status).toBe('at-risk');
    expect(exposure.reason).toContain(
      'the next backup (running now, taking about 30m) cannot land',
    );
    await marker.release('shop-prod', 'run-1');
  });

  it('proves a 24-hour breach in milliseconds', async () => {
    protectAll(clock.now());
    clock.advance({ hours: 23 });
    await monitorRpo(deps);
    expect((await stored('intranet-prod')).status).toBe('ok');
    clock.advance({ minutes: 31 });
    await monitorRpo(deps);
    expect((await stored('intranet-prod')).status).toBe('at-risk');
    clock.advance({ minutes: 29, milliseconds: 1 });
    await monitorRpo(deps);
    expect((await stored('intranet-prod')).worstExposureMs).toBe(24 * HOUR_MS + 1);
    const alerts = await events('rpo.alert', 'intranet-prod');
    expect(alerts.map((a) => a.type === 'rpo.alert' && a.status)).toEqual(['at-risk', 'breached']);
  });

  it('names the stale resource and the last job outcome with AWS message', async () => {
    protectAll(clock.now());
    aws.points.splice(
      aws.points.findIndex((p) => p.resourceArn === ORDERS),
      1,
    );
    await deps.jobOutcomes.record('shop-prod', ORDERS, {
      kind: 'copy',
      state: 'FAILED',
      message: 'Copy job failed: access to KMS key denied',
      jobId: 'copy-123',
      region: 'eu-west-1',
      runId: 'r1',
      at: clock.now().toISO() ?? '',
    });
    await monitorRpo(deps);
    const [alert] = await events('rpo.alert');
    expect(alert).toMatchObject({ status: 'unprotected', resourceArn: ORDERS });
    const reason = alert?.type === 'rpo.alert' ? alert.reason : '';
    expect(reason).toContain(`no completed recovery point of ${ORDERS} in eu-central-1`);
    expect(reason).toContain(
      'last copy job copy-123 in eu-west-1: FAILED (Copy job failed: access to KMS key denied)',
    );
  });

  it('says so when the protection region is dark, measuring from the points last seen', async () => {
    protectAll(clock.now());
    await monitorRpo(deps);
    aws.dark.add('eu-central-1');
    clock.advance({ minutes: 10 });
    const result = await monitorRpo(deps);
    expect(result.errors).toEqual({});
    const exposure = await stored();
    expect(exposure.protectionRegionDark).toBe(true);
    expect(exposure.worstExposureMs).toBe(10 * 60_000);
    expect(exposure.status).toBe('at-risk');
    const [alert] = await events('rpo.alert');
    expect(alert?.type === 'rpo.alert' && alert.reason).toContain(
      'protection region eu-central-1 is dark',
    );
    // The other environment's region answers: it is measured as usual.
    expect((await stored('intranet-prod')).status).toBe('ok');
  });

  it('reads the protection region from the environment state: after a failover, the old primary', async () => {
    await deps.environments.put({
      environment: 'shop-prod',
      activeRegion: 'eu-central-1',
      protectionRegion: 'eu-west-1',
      resources: {
        [SHOP_DB]: 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored',
        [ORDERS]: ORDERS,
      },
      updatedAt: clock.now().toISO() ?? '',
    });
    aws.points.push(
      copied(
        'arn:aws:rds:eu-central-1:111122223333:db:shop-restored',
        clock.now(),
        'eu-west-1',
        'shop-prod',
      ),
      copied(ORDERS, clock.now(), 'eu-west-1', 'shop-prod'),
    );
    await monitorRpo(deps);
    const exposure = await stored();
    expect(exposure.region).toBe('eu-west-1');
    expect(exposure.status).toBe('ok');
  });
});
