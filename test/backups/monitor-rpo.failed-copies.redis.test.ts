import { startJobs } from '../../jobs';
import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import { eventually, sleep } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import {
  backupConfigYaml,
  emulatedState,
  environmentEvents,
  publishedEvents,
  SHOP_DB,
} from './support/backup-fixtures';

const AWS_MESSAGE = 'Copy job failed: access to the destination KMS key was denied';

describe('a failed copy', () => {
  let h: Harness;
  let workers: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    h = await createHarness({
      configYaml: backupConfigYaml(),
      jobMs: 100,
      pollMs: 50,
      name: 'bk-fail',
    });
  });
  afterAll(async () => {
    await workers?.close();
    await h.close();
  });

  const shopEvents = (type: LifeboatEvent['type']) =>
    environmentEvents(h.infra.redis, h.infra.keys.events, type, 'shop-prod');

  it('is retried with a new token, then fails the run, alerts once, and a later success recovers once', async () => {
    const rule = { kind: 'copy', resourceArn: SHOP_DB, message: AWS_MESSAGE };
    expect(
      (await h.control('POST', '/_sandbox/faults', { failNext: [rule, rule, rule] })).status,
    ).toBe(200);
    workers = await startJobs(h.deps, h.infra, {
      sides: ['backups'],
      backups: { monitorEveryMs: 100, closeTimeoutMs: 2_000 },
    });

    const [failed] = await eventually(
      async () => {
        const found = await shopEvents('backup.failed');
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 15_000, what: 'backup.failed' },
    );
    expect(failed).toMatchObject({ resourceArn: SHOP_DB, kind: 'copy' });
    expect(failed?.type === 'backup.failed' && failed.message).toContain(AWS_MESSAGE);

    // Three copy attempts of the one backup, each with its own idempotency token.
    const state = await emulatedState(h);
    const copies = state.copyJobs.filter((j) => j.resourceArn === SHOP_DB);
    expect(copies.map((j) => j.state)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(new Set(copies.map((j) => j.idempotencyToken)).size).toBe(3);
    expect(state.backupJobs.filter((j) => j.resourceArn === SHOP_DB)).toHaveLength(1);

    const [finished] = await shopEvents('backup.finished');
    expect(finished).toMatchObject({
      outcome: 'failed',
      copied: 1,
      failed: 1,
      trigger: 'schedule',
    });

    const [alert] = await eventually(
      async () => {
        const found = await shopEvents('rpo.alert');
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 5_000, what: 'rpo.alert' },
    );
    expect(alert).toMatchObject({ status: 'unprotected', resourceArn: SHOP_DB });
    expect(alert?.type === 'rpo.alert' && alert.reason).toContain(`FAILED (${AWS_MESSAGE})`);

    await sleep(500); // several monitor rounds
    expect(await shopEvents('rpo.alert')).toHaveLength(1);

    // The other environment was never held back by shop-prod's failure.
    const intranet = (await publishedEvents(h.infra.redis, h.infra.keys.events)).filter(
      (e) => e.type === 'backup.finished' && e.environment === 'intranet-prod',
    );
    expect(intranet).toMatchObject([{ outcome: 'succeeded' }]);

    await h.infra.queues.backups.add('backup', {
      environment: 'shop-prod',
      trigger: 'manual',
      requestedBy: 'U0ALICE',
    });
    await eventually(
      async () => {
        const found = await shopEvents('rpo.recovered');
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 10_000, what: 'rpo.recovered' },
    );
    await sleep(500);
    expect(await shopEvents('rpo.recovered')).toHaveLength(1);
    expect(await shopEvents('rpo.alert')).toHaveLength(1);
    const manual = (await shopEvents('backup.finished')).filter(
      (e) => e.type === 'backup.finished' && e.trigger === 'manual',
    );
    expect(manual).toMatchObject([{ outcome: 'succeeded', requestedBy: 'U0ALICE', copied: 2 }]);
  });
});
