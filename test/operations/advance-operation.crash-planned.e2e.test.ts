import { crashMatrixHarness, expectOnce } from './support/crash-matrix-harness';

/** Planned failover: the final backup and copy are started once too, whatever dies when. */
const CHECKPOINTS = [
  'final-backup:called',
  'final-backup:poll',
  'copy:called',
  'copy:poll',
  'restore:called',
  'dns:called',
] as const;

describe('crash matrix, planned failover and repeated kills', () => {
  const matrix = crashMatrixHarness();

  it.each(CHECKPOINTS)('planned failover, killed at %s', async (point) => {
    const { op, s } = await matrix.crashThenFinish([point], { kind: 'failover', planned: true });
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 3, copies: 3 });
  });

  it('failover, killed three times in a row (the job stalls more than once)', async () => {
    const { op, s } = await matrix.crashThenFinish(
      ['restore:called', 'restore:poll', 'dns:called'],
      { kind: 'failover' },
    );
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 0, copies: 0 });
  });
});
