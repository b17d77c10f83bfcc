import { startJobs } from '../../jobs';
import { backupSchedulerId } from '../../src/queue/scheduler-ids';
import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import { eventually } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import {
  backupConfigYaml,
  emulatedState,
  environmentEvents,
  ORDERS,
  SHOP_DB,
} from './support/backup-fixtures';

const HOUR_MS = 3_600_000;

/**
 * The schedule drifted from the data: shop-prod's newest copies are an hour old and its next
 * tick is three hours away, so with a 30-minute backup the 4h target would be missed. The monitor
 * sees it, alerts, and queues a catch-up run at once; the copies land and the RPO holds again.
 */
describe('a catch-up backup when the schedule alone would miss the RPO', () => {
  let h: Harness;
  let workers: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    h = await createHarness({
      configYaml: backupConfigYaml(),
      jobMs: 100,
      pollMs: 50,
      name: 'bk-catch',
    });
  });
  afterAll(async () => {
    await workers?.close();
    await h.close();
  });

  const shopEvents = (type: LifeboatEvent['type']) =>
    environmentEvents(h.infra.redis, h.infra.keys.events, type, 'shop-prod');

  it('alerts, backs up now, and recovers', async () => {
    for (const resourceArn of [SHOP_DB, ORDERS]) {
      h.emulator.control.seedRecoveryPoint({
        region: 'eu-central-1',
        vaultName: 'shop-prod-dr',
        resourceArn,
        ageMs: HOUR_MS,
      });
    }
    // The scheduler at its planned interval (3h30m before any run is observed), next tick in 3h.
    for (const environment of ['shop-prod', 'intranet-prod']) {
      await h.infra.queues.backups.upsertJobScheduler(
        backupSchedulerId(environment),
        {
          every: (environment === 'shop-prod' ? 3.5 : 23.5) * HOUR_MS,
          startDate: Date.now() + 3 * HOUR_MS,
        },
        { name: 'backup', data: { environment, trigger: 'schedule' } },
      );
    }
    workers = await startJobs(h.deps, h.infra, {
      sides: ['backups'],
      backups: { monitorEveryMs: 100, closeTimeoutMs: 2_000 },
    });

    const [alert] = await eventually(
      async () => {
        const found = await shopEvents('rpo.alert');
        return found.length > 0 ? found : undefined;
      },
      { what: 'the at-risk alert' },
    );
    expect(alert).toMatchObject({ status: 'at-risk' });
    expect(alert?.type === 'rpo.alert' && alert.reason).toContain('a catch-up backup starts now');

    await eventually(
      async () => ((await shopEvents('rpo.recovered')).length > 0 ? true : undefined),
      { timeoutMs: 15_000, what: 'the RPO to hold again' },
    );
    const state = await emulatedState(h);
    expect(state.backupJobs.filter((j) => j.resourceArn === SHOP_DB)).toHaveLength(1);
    expect(state.copyJobs.filter((j) => j.resourceArn === SHOP_DB)).toHaveLength(1);
    // intranet-prod (24h, never backed up here) is unprotected, not at risk: no catch-up for it.
    expect(
      state.backupJobs.filter((j) => j.resourceArn !== SHOP_DB && j.resourceArn !== ORDERS),
    ).toEqual([]);
    expect(await shopEvents('rpo.alert')).toHaveLength(1);
  });
});
