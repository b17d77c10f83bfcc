import { crashMatrixHarness, expectOnce } from './support/crash-matrix-harness';

/**
 * A worker process is killed with SIGKILL at a step boundary, right after an AWS call returned
 * (before its id was saved), or while polling; another process takes the stalled job over and
 * finishes the failover exactly once: one restore job per resource, one DNS change.
 */
const CHECKPOINTS = [
  'preflight:begin',
  'preflight:end',
  'restore:begin',
  'restore:called',
  'restore:saved',
  'restore:poll',
  'restore:end',
  'health:begin',
  'health:end',
  'dns:begin',
  'dns:called',
  'dns:saved',
  'dns:poll',
  'dns:end',
  're-protect:begin',
  're-protect:finalizing',
] as const;

describe('crash matrix, failover: a worker killed at any point, the operation still finishes once', () => {
  const matrix = crashMatrixHarness();

  it.each(CHECKPOINTS)('killed at %s', async (point) => {
    const { op, s } = await matrix.crashThenFinish([point], { kind: 'failover' });
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 0, copies: 0 });
    const state = await matrix.harness().deps.environments.get('shop-prod');
    expect(state.activeRegion).toBe('eu-central-1');
  });
});
