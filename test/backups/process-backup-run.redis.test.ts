import { startJobs } from '../../jobs';
import { backupSchedulerId } from '../../src/queue/scheduler-ids';
import { eventually } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import {
  backupConfigYaml,
  emulatedState,
  ORDERS,
  publishedEvents,
  SHOP_DB,
  WIKI,
} from './support/backup-fixtures';

const JOB_MS = 200;
const POLL_MS = 50;

describe('scheduled backups against the emulator', () => {
  let h: Harness;
  let workers: { close(): Promise<void> } | undefined;

  beforeEach(async () => {
    h = await createHarness({
      configYaml: backupConfigYaml(),
      jobMs: JOB_MS,
      pollMs: POLL_MS,
      name: 'bk-sched',
    });
  });
  afterEach(async () => {
    await workers?.close();
    workers = undefined;
    await h.close();
  });

  it('turns a scheduler tick into a recovery point copied to the recovery vault', async () => {
    workers = await startJobs(h.deps, h.infra, {
      sides: ['backups'],
      backups: { monitorEveryMs: 60_000, closeTimeoutMs: 2_000 },
    });

    const schedulers = await h.infra.queues.backups.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.id ?? s.key).sort()).toEqual([
      backupSchedulerId('intranet-prod'),
      backupSchedulerId('shop-prod'),
    ]);

    const finished = await eventually(
      async () => {
        const events = await publishedEvents(h.infra.redis, h.infra.keys.events);
        const done = events.filter((e) => e.type === 'backup.finished');
        return done.length >= 2 ? done : undefined;
      },
      { timeoutMs: 15_000, what: 'both environments backed up' },
    );
    expect(finished.map((e) => e.type === 'backup.finished' && e.outcome)).toEqual([
      'succeeded',
      'succeeded',
    ]);

    const state = await emulatedState(h);
    const copied = (arn: string, region: string, vault: string) =>
      state.recoveryPoints.filter(
        (p) =>
          p.resourceArn === arn &&
          p.region === region &&
          p.vaultName === vault &&
          p.status === 'COMPLETED',
      );
    expect(copied(SHOP_DB, 'eu-central-1', 'shop-prod-dr')).toHaveLength(1);
    expect(copied(ORDERS, 'eu-central-1', 'shop-prod-dr')).toHaveLength(1);
    expect(copied(WIKI, 'eu-north-1', 'intranet-dr')).toHaveLength(1);
    // The copy is encrypted with the destination vault's own key.
    expect(copied(SHOP_DB, 'eu-central-1', 'shop-prod-dr')[0]?.encryptionKeyArn).toContain(
      'eu-central-1',
    );
    expect(state.backupJobs).toHaveLength(3);
    expect(state.copyJobs).toHaveLength(3);
    expect(new Set(state.backupJobs.map((j) => j.region))).toEqual(new Set(['eu-west-1']));
    expect(new Set(state.copyJobs.map((j) => j.region))).toEqual(new Set(['eu-west-1']));
    // How long a tick takes to become a copy is measured by `npm run bench`, not here.

    // The run's end measured the exposure at once (the monitor's next round is a minute away).
    const exposure = await eventually(
      async () => {
        const stored = await h.deps.exposures.get('shop-prod');
        return stored?.status === 'ok' ? stored : undefined;
      },
      { what: 'shop-prod measured ok after its run' },
    );
    expect(exposure.worstExposureMs).toBeLessThan(60_000);

    // The planner learned a duration and the scheduler holds the re-planned interval:
    // the target minus the observed duration (well under a minute), rounded down to a minute.
    const every = (env: string) => async () => {
      const s = await h.infra.queues.backups.getJobScheduler(backupSchedulerId(env));
      return s?.every !== undefined && s.every % (30 * 60_000) !== 0 ? s.every : undefined;
    };
    expect(await eventually(every('shop-prod'), { what: 'shop-prod re-planned' })).toBe(
      4 * 3_600_000 - 60_000,
    );
    expect(await eventually(every('intranet-prod'), { what: 'intranet-prod re-planned' })).toBe(
      24 * 3_600_000 - 60_000,
    );
  });
});
