import { requestScheduledDrill } from '../../src/operations/request-scheduled-drill';
import { scheduleDrills } from '../../src/operations/schedule-drills';
import { drillSchedulerId } from '../../src/queue/scheduler-ids';
import {
  HOUR_MS,
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

describe('drill', () => {
  const { harness } = operationHarness('drill', { startWorkers: 'before each' });

  it('restores in the recovery region as a drill, measures, tears down and changes no DNS', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 2 * HOUR_MS);
    const approved = await requestApproved(h, { kind: 'drill', environment: 'shop-prod' });

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('succeeded');
    expect(op.steps.map((s) => [s.name, s.state])).toEqual([
      ['preflight', 'done'],
      ['restore', 'done'],
      ['health', 'done'],
      ['teardown', 'done'],
      ['report', 'done'],
    ]);
    const s = await snapshot(h);
    expect(s.changes).toEqual([]);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    const restored = s.resources.filter((r) => r.origin === 'restore');
    expect(restored).toHaveLength(3);
    expect(restored.every((r) => /-drill-[a-z0-9]{8}$/.test(r.arn))).toBe(true);
    expect(restored.every((r) => r.status !== 'available')).toBe(true);
    expect(op.outcome?.rtoMs).toBeGreaterThan(0);
    expect(op.outcome?.worstDataLossMs).toBeGreaterThanOrEqual(2 * HOUR_MS);
    const state = await h.deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-west-1');
    expect(state.lastDrill).toMatchObject({ operationId: op.id, outcome: 'succeeded' });
    expect(state.lastDrill?.rtoMs).toBe(op.outcome?.rtoMs);
  });

  it('keeps one drill scheduler per environment with drill: in the configuration', async () => {
    const h = harness();
    await scheduleDrills(h.deps);
    const schedulers = await h.infra.queues.drills.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key)).toEqual([drillSchedulerId('shop-prod')]);
    expect(schedulers[0]?.every).toBe(30 * 24 * HOUR_MS);
  });

  it('a scheduled drill is requested like any other, and skipped right after a drill', async () => {
    const h = harness();
    const requested: string[] = [];
    const request = async (_: unknown, input: { environment: string }) => {
      requested.push(input.environment);
    };
    expect((await requestScheduledDrill(h.deps, 'shop-prod', request)).requested).toBe(true);
    await h.deps.environments.update('shop-prod', (s) => ({
      ...s,
      lastDrill: { operationId: 'op-x', at: new Date().toISOString(), outcome: 'succeeded' },
    }));
    expect((await requestScheduledDrill(h.deps, 'shop-prod', request)).requested).toBe(false);
    expect((await requestScheduledDrill(h.deps, 'payments-prod', request)).requested).toBe(false);
    expect(requested).toEqual(['shop-prod']);
  });
});
