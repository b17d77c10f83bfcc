import { startOperationWorkers } from '../../src/operations/start-operation-workers';
import { createHarness, type Harness } from '../support/harness';
import {
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';

const HOUR_MS = 3_600_000;

describe('failover of shop-prod to eu-central-1 (unplanned)', () => {
  let h: Harness;
  let workers: { close(): Promise<void> };

  beforeEach(async () => {
    h = await createHarness({ name: 'failover', jobMs: 100, pollMs: 50 });
    workers = await startOperationWorkers(h.deps, {
      lockDurationMs: 2_000,
      stalledIntervalMs: 1_000,
      healthTimeoutMs: 1_500,
    });
  });
  afterEach(async () => {
    await workers.close();
    await h.close();
  });

  it('restores every resource, moves DNS once, re-protects and reports RTO and data loss', async () => {
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 2 * HOUR_MS);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });

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
});
