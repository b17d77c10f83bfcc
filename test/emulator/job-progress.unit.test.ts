import { jobCompletionMs, jobPhase } from '../../src/emulator/job-progress';
import type { BackupJobRecord, EmulatorState } from '../../src/emulator/emulator-state';
import { seedEmulatorState } from '../../src/emulator/seed-emulator-state';
import { sandboxConfig } from '../support/harness';

const JOB_MS = 100 as const;

function setup(dark: Record<string, { fromMs: number; toMs?: number }[]>, regions = ['eu-west-1']) {
  const state: EmulatorState = seedEmulatorState(sandboxConfig(), 0);
  for (const [region, intervals] of Object.entries(dark)) {
    const r = state.regions[region];
    if (r) r.darkIntervals = intervals;
  }
  const job = {
    kind: 'backup',
    jobId: 'J',
    region: 'eu-west-1',
    regions,
    createdAtMs: 0,
    outcome: { state: 'COMPLETED' },
  } as unknown as BackupJobRecord;
  return { state, job };
}

describe('job progress', () => {
  it('spends a quarter of jobMs in its first state, then runs until jobMs', () => {
    const { state, job } = setup({});
    expect(jobPhase(state, job, 10, JOB_MS)).toBe('first');
    expect(jobPhase(state, job, 30, JOB_MS)).toBe('running');
    expect(jobPhase(state, job, 100, JOB_MS)).toBe('done');
    expect(jobCompletionMs(state, job, JOB_MS)).toBe(100);
  });

  it('does not count time while a region of the job is dark', () => {
    const { state, job } = setup({ 'eu-west-1': [{ fromMs: 50, toMs: 150 }] });
    expect(jobPhase(state, job, 120, JOB_MS)).toBe('running');
    expect(jobCompletionMs(state, job, JOB_MS)).toBe(200);
  });

  it('never completes while a region is still dark', () => {
    const { state, job } = setup({ 'eu-central-1': [{ fromMs: 20 }] }, [
      'eu-west-1',
      'eu-central-1',
    ]);
    expect(jobCompletionMs(state, job, JOB_MS)).toBeUndefined();
    expect(jobPhase(state, job, 1_000_000, JOB_MS)).toBe('first');
  });

  it('merges overlapping outages of several regions', () => {
    const { state, job } = setup(
      {
        'eu-west-1': [{ fromMs: 10, toMs: 40 }],
        'eu-central-1': [
          { fromMs: 30, toMs: 60 },
          { fromMs: 500, toMs: 600 },
        ],
      },
      ['eu-west-1', 'eu-central-1'],
    );
    expect(jobCompletionMs(state, job, JOB_MS)).toBe(150);
  });

  it('stays in its first state for ever when stuck', () => {
    const { state, job } = setup({});
    job.outcome = { state: 'COMPLETED', stuck: true };
    expect(jobPhase(state, job, 10_000, JOB_MS)).toBe('first');
    expect(jobCompletionMs(state, job, JOB_MS)).toBeUndefined();
  });
});
