import { recordValues } from './support/operation-fixtures';
import { crashMatrixHarness, expectOnce } from './support/crash-matrix-harness';

/**
 * Drills and failbacks resume like failovers: a worker killed with SIGKILL at a step boundary,
 * right after an AWS call, or while polling leaves one restore per resource, the DNS changed once
 * (failback) or never (drill), and a drill's restored resources torn down all the same.
 */
const DRILL = [
  'restore:called',
  'restore:poll',
  'health:end',
  'teardown:begin',
  'teardown:end',
  'report:begin',
  'report:finalizing',
] as const;

const FAILBACK = [
  'final-backup:called',
  'copy:called',
  'copy:poll',
  'restore:called',
  'dns:called',
  'dns:saved',
  're-protect:finalizing',
] as const;

describe('crash matrix, drill and failback', () => {
  const matrix = crashMatrixHarness();

  it.each(DRILL)('drill, killed at %s', async (point) => {
    const { op, s } = await matrix.crashThenFinish([point], { kind: 'drill' });
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 0, copies: 0, changes: 0 });
    const restored = s.resources.filter((r) => r.origin === 'restore');
    expect(restored).toHaveLength(3);
    expect(restored.every((r) => r.status !== 'available')).toBe(true);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    const state = await matrix.harness().deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-west-1');
    expect(state.lastDrill).toMatchObject({ operationId: op.id, outcome: 'succeeded' });
  });

  it.each(FAILBACK)('failback, killed at %s', async (point) => {
    const { op, s } = await matrix.crashThenFinish([point], { kind: 'failback' });
    expect(op.state).toBe('succeeded');
    // The failover before it restored three in eu-central-1 and changed the records once.
    expectOnce(s, { backups: 3, copies: 3, restores: 6, changes: 2 });
    expect(s.restoreJobs.filter((j) => j.region === 'eu-west-1')).toHaveLength(3);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    const state = await matrix.harness().deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-west-1');
    expect(state.protectionRegion).toBe('eu-central-1');
  });
});
