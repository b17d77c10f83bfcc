import { parseConfig } from '../../src/config/config';
import { readFileSync } from 'node:fs';
import { SANDBOX_CONFIG_PATH } from '../support/harness';
import {
  calls,
  HOUR_MS,
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

describe('failover of shop-prod to eu-central-1 (unplanned)', () => {
  const { harness, start } = operationHarness('failover', { startWorkers: 'on start' });

  it('restores every resource, moves DNS once, re-protects and reports RTO and data loss', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 2 * HOUR_MS);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    await start();

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('succeeded');
    expect(op.steps.map((s) => [s.name, s.state])).toEqual([
      ['preflight', 'done'],
      ['restore', 'done'],
      ['health', 'done'],
      ['dns', 'done'],
      ['re-protect', 'done'],
    ]);
    const s = await snapshot(h);
    expect(s.restoreJobs).toHaveLength(3);
    expect(s.restoreJobs.every((j) => j.region === 'eu-central-1' && j.state === 'COMPLETED')).toBe(
      true,
    );
    expect(s.changes).toHaveLength(1);
    expect(recordValues(s, 'Z0SHOP')).toMatchObject({
      'shop.example.com': ['shop-euc1.example.com'],
      'api.shop.example.com': ['api-euc1.example.com'],
    });
    expect(op.outcome?.rtoMs).toBeGreaterThan(0);
    expect(op.outcome?.worstDataLossMs).toBeGreaterThanOrEqual(2 * HOUR_MS);
    expect(op.outcome?.worstDataLossMs).toBeLessThan(2 * HOUR_MS + 60_000);
    expect(op.outcome?.message).toMatch(/RTO .* \(met\)/);

    const state = await h.deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-central-1');
    expect(state.protectionRegion).toBe('eu-west-1');
    expect(Object.values(state.resources).every((arn) => arn.includes(':eu-central-1:'))).toBe(
      true,
    );
    expect(Object.values(state.resources).every((arn) => /-dr-[a-z0-9]{8}$/.test(arn))).toBe(true);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();

    const audit = await h.deps.audit.read({ operationId: op.id, limit: 200 });
    expect(audit.some((e) => e.type === 'operation.finished')).toBe(true);
  });

  it('makes no call to the primary region while it is dark, and protects into another region', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    await h.control('POST', '/_sandbox/regions/eu-west-1', { up: false });
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    await start();

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('succeeded');
    const log = await calls(h);
    expect(log.filter((c) => c.region === 'eu-west-1')).toEqual([]);
    expect(log.some((c) => c.operation === 'StartRestoreJob' && c.region === 'eu-central-1')).toBe(
      true,
    );
    const state = await h.deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-central-1');
    expect(state.protectionRegion).toBe('eu-north-1');
  });

  it('fails without acting when the configuration changed since the approval', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    const changed = parseConfig(
      readFileSync(SANDBOX_CONFIG_PATH, 'utf8').replace('rto: 24h', 'rto: 12h'),
    );
    if (!changed.ok) throw new Error(changed.problems.join('; '));
    h.configSource.replace(changed.config);
    await start();

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('failed');
    expect(op.error).toBe('the configuration changed since this was approved; request it again');
    const s = await snapshot(h);
    expect(s.restoreJobs).toEqual([]);
    expect(s.changes).toEqual([]);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('stops before DNS when a restore fails, removes what was restored and leaves traffic', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    await h.control('POST', '/_sandbox/faults', {
      failNext: [
        { kind: 'restore', resourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders' },
      ],
    });
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    await start();

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('failed');
    expect(op.error).toMatch(/restore of orders in eu-central-1 ended FAILED: Restore job failed/);
    expect(op.steps.find((s) => s.name === 'restore')?.state).toBe('failed');
    expect(op.steps.find((s) => s.name === 'teardown')?.state).toBe('done');
    expect(op.steps.some((s) => s.name === 'dns')).toBe(false);
    const s = await snapshot(h);
    expect(s.changes).toEqual([]);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    const restored = s.resources.filter((r) => r.origin === 'restore');
    expect(restored).toHaveLength(2);
    expect(restored.every((r) => r.status !== 'available')).toBe(true);
    const state = await h.deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-west-1');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  describe('when the target turns unhealthy after the health step', () => {
    let turnedBad = false;
    const ops = operationHarness('failover-health', {
      startWorkers: 'on start',
      workerOptions: {
        // The window a worker dying between the two steps would open: health passed, DNS not yet.
        checkpoint: async (step, phase) => {
          if (step === 'health' && phase === 'end' && !turnedBad) {
            turnedBad = true;
            await ops.harness().control('POST', '/_sandbox/health-checks/hc-shop-euc1', {
              healthy: false,
            });
          }
        },
      },
    });

    it('looks again just before DNS and leaves traffic where it was', async () => {
      const h = ops.harness();
      await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
      const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
      await ops.start();

      const op = await waitForFinal(h, approved.id);

      expect(turnedBad).toBe(true);
      expect(op.state).toBe('failed');
      expect(op.error).toMatch(/hc-shop-euc1.*just before DNS moved; traffic stays where it was/);
      const s = await snapshot(h);
      expect(s.changes).toEqual([]);
      expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
      expect((await h.deps.environments.get('shop-prod')).activeRegion).toBe('eu-west-1');
    });
  });

  describe('when a worker died after claiming the DNS switch and the target turned unhealthy', () => {
    let died = false;
    const ops = operationHarness('failover-claimed', {
      startWorkers: 'on start',
      workerOptions: {
        // The state a worker leaves when it dies between claiming the switch and sending it:
        // `dnsStartedAt` set, no change id. The next run must not trust the old health look.
        checkpoint: async (step, phase) => {
          if (step !== 'dns' || phase !== 'begin' || died) return;
          died = true;
          const h = ops.harness();
          await h.control('POST', '/_sandbox/health-checks/hc-shop-euc1', { healthy: false });
          const running = await h.deps.operations.list({ environment: 'shop-prod', limit: 1 });
          const id = running[0]?.id ?? '';
          await h.deps.operations.update(id, (op) => ({
            op: { ...op, progress: { ...op.progress, dnsStartedAt: new Date().toISOString() } },
          }));
          throw new Error('worker died after claiming the DNS switch');
        },
      },
    });

    it('looks again before sending the change and leaves traffic where it was', async () => {
      const h = ops.harness();
      await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
      const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
      await ops.start();

      const op = await waitForFinal(h, approved.id);

      expect(died).toBe(true);
      expect(op.state).toBe('failed');
      expect(op.error).toMatch(/hc-shop-euc1.*just before DNS moved; traffic stays where it was/);
      const s = await snapshot(h);
      expect(s.changes).toEqual([]);
      expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
      expect((await h.deps.environments.get('shop-prod')).activeRegion).toBe('eu-west-1');
    });
  });

  describe('while it ends', () => {
    const seen: { state?: string; holder?: string }[] = [];
    const ops = operationHarness('failover-ending', {
      startWorkers: 'on start',
      workerOptions: {
        checkpoint: async (_step, phase) => {
          if (phase !== 'finalizing') return;
          const h = ops.harness();
          const [op] = await h.deps.operations.list({ environment: 'shop-prod', limit: 1 });
          seen.push({
            ...(op ? { state: op.state } : {}),
            ...((await h.deps.locks.holder('shop-prod')) ? { holder: 'held' } : {}),
          });
        },
      },
    });

    it('keeps the environment locked until the operation is final', async () => {
      const h = ops.harness();
      await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
      const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
      await ops.start();

      const op = await waitForFinal(h, approved.id);

      expect(op.state).toBe('succeeded');
      // A worker dying here resumes a running operation: nothing else may take the environment.
      expect(seen).toEqual([{ state: 'running', holder: 'held' }]);
    });
  });
});
