import { SANDBOX_CONFIG_PATH, createHarness, type Harness } from '../support/harness';
import {
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker';

const HOUR_MS = 3_600_000;

/**
 * A worker process is killed with SIGKILL at a step boundary, right after an AWS call returned
 * (before its id was saved), or while polling; another process takes the stalled job over and
 * finishes the operation exactly once: one restore job per resource, one DNS change.
 */
const UNPLANNED = [
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

const PLANNED = [
  'final-backup:called',
  'final-backup:poll',
  'copy:called',
  'copy:poll',
  'restore:called',
  'dns:called',
] as const;

describe('crash matrix: a worker killed at any point, the operation still finishes once', () => {
  let h: Harness;
  const workers: SpawnedWorker[] = [];
  const worker = (extra: Record<string, string> = {}) => {
    const spawned = spawnWorker(h.childEnv({ DR_CONFIG: SANDBOX_CONFIG_PATH, ...extra }));
    workers.push(spawned);
    return spawned;
  };

  beforeEach(async () => {
    h = await createHarness({ name: 'crash', jobMs: 150, pollMs: 50 });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await h.close();
  });

  async function crashThenFinish(crashPoints: readonly string[], planned: boolean) {
    if (!planned) await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    const approved = await requestApproved(h, {
      kind: 'failover',
      environment: 'shop-prod',
      planned,
    });
    for (const point of crashPoints) {
      const victim = worker({ DR_TEST_CRASH_AT: point });
      const { signal } = await victim.exited;
      if (signal !== 'SIGKILL') throw new Error(`never reached ${point}:\n${victim.output()}`);
    }
    worker();
    const op = await waitForFinal(h, approved.id, 30_000);
    const s = await snapshot(h);
    return { op, s };
  }

  const expectOnce = (
    s: Awaited<ReturnType<typeof snapshot>>,
    counts: { backups: number; copies: number },
  ) => {
    expect(s.backupJobs).toHaveLength(counts.backups);
    expect(s.copyJobs).toHaveLength(counts.copies);
    expect(s.restoreJobs).toHaveLength(3);
    expect(new Set(s.restoreJobs.map((j) => j.resourceArn)).size).toBe(3);
    expect(s.changes).toHaveLength(1);
  };

  it.each(UNPLANNED)('failover, killed at %s', async (point) => {
    const { op, s } = await crashThenFinish([point], false);
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 0, copies: 0 });
    expect((await h.deps.environments.get('shop-prod')).activeRegion).toBe('eu-central-1');
  });

  it.each(PLANNED)('planned failover, killed at %s', async (point) => {
    const { op, s } = await crashThenFinish([point], true);
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 3, copies: 3 });
  });

  it('failover, killed three times in a row (the job stalls more than once)', async () => {
    const { op, s } = await crashThenFinish(
      ['restore:called', 'restore:poll', 'dns:called'],
      false,
    );
    expect(op.state).toBe('succeeded');
    expectOnce(s, { backups: 0, copies: 0 });
  });
});
