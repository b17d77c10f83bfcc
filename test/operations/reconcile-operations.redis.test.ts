import { requestCancel } from '../../src/approval/request-cancel';
import { OperationJobName } from '../../src/queue/operation-job-options';
import { reconcileOperations } from '../../src/operations/reconcile-operations';
import { eventually } from '../support/eventually';
import {
  HOUR_MS,
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

describe('cancel and reconcile', () => {
  const { harness, start, reopen } = operationHarness('cancel', {
    startWorkers: 'on start',
    workerOptions: { healthTimeoutMs: 60_000 },
  });

  beforeEach(async () => {
    await seedCopiedPoints(harness(), 'shop-prod', 'eu-central-1', HOUR_MS);
  });

  it('a cancel before DNS tears down what was restored and ends cancelled', async () => {
    const h = harness();
    await h.control('POST', '/_sandbox/health-checks/hc-shop-euc1', { healthy: false });
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    await start();
    await eventually(
      async () => {
        const op = await h.deps.operations.get(approved.id);
        return op?.steps.some((s) => s.name === 'health' && s.state === 'running') ? op : undefined;
      },
      { what: 'waiting for health' },
    );

    const cancel = await requestCancel(h.deps, { operationId: approved.id, userId: 'U0ALICE' });
    expect(cancel).toMatchObject({ ok: true, effect: 'cancel_requested' });
    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('cancelled');
    expect(op.steps.find((s) => s.name === 'health')?.state).toBe('skipped');
    expect(op.steps.find((s) => s.name === 'teardown')?.state).toBe('done');
    const s = await snapshot(h);
    expect(s.changes).toEqual([]);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    expect(
      s.resources.filter((r) => r.origin === 'restore').every((r) => r.status !== 'available'),
    ).toBe(true);
    expect((await h.deps.environments.get('shop-prod')).activeRegion).toBe('eu-west-1');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('a cancel once DNS started is refused, and the failover finishes', async () => {
    const h = await reopen(1_000);
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    await start();
    await eventually(
      async () => {
        const op = await h.deps.operations.get(approved.id);
        return op?.progress['dnsChangeId'] !== undefined ? op : undefined;
      },
      { what: 'DNS change sent' },
    );

    const cancel = await requestCancel(h.deps, { operationId: approved.id, userId: 'U0ALICE' });
    expect(cancel).toMatchObject({ ok: false, reason: 'traffic_moving' });
    const op = await waitForFinal(h, approved.id);
    expect(op.state).toBe('succeeded');
    expect((await snapshot(h)).changes).toHaveLength(1);
  });

  it('the reconciler brings back an operation whose job failed or vanished', async () => {
    const h = harness();
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    const job = await h.infra.queues.operations.getJob(approved.id);
    expect(job?.name).toBe('run');
    await job?.remove();

    const report = await reconcileOperations(h.deps);
    expect(report.revived).toEqual([{ operationId: approved.id, how: 'added' }]);
    expect((await h.infra.queues.operations.getJob(approved.id))?.name).toBe(OperationJobName.Run);
    await start();
    expect((await waitForFinal(h, approved.id)).state).toBe('succeeded');
  });
});
