import { SANDBOX_CONFIG_PATH, createHarness, type Harness } from '../../support/harness';
import {
  HOUR_MS,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './operation-fixtures';
import { spawnWorker, type SpawnedWorker } from './spawn-worker';

/**
 * Worker processes killed with SIGKILL at the given checkpoints (one after another); then one
 * more process, never killed, finishes the operation. Returns it and the emulator's state.
 */
export function crashMatrixHarness() {
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

  return {
    harness: () => h,
    /**
     * `failover` (planned or not) and `drill` of shop-prod start from the seeded sandbox;
     * `failback` first fails shop-prod over with a worker that is then stopped.
     */
    async crashThenFinish(
      crashPoints: readonly string[],
      operation: { kind: 'failover' | 'failback' | 'drill'; planned?: boolean },
    ) {
      const { kind, planned = false } = operation;
      if (!planned) await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
      if (kind === 'failback') {
        const away = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
        const first = worker();
        const done = await waitForFinal(h, away.id, 30_000);
        await first.stop();
        if (done.state !== 'succeeded')
          throw new Error(`the failover before failback ${done.state}`);
      }
      const approved = await requestApproved(h, {
        kind,
        environment: 'shop-prod',
        ...(kind === 'failover' ? { planned } : {}),
      });
      for (const point of crashPoints) {
        const victim = worker({ DR_TEST_CRASH_AT: point });
        const { signal } = await victim.exited;
        if (signal !== 'SIGKILL') throw new Error(`never reached ${point}:\n${victim.output()}`);
      }
      worker();
      const op = await waitForFinal(h, approved.id, 30_000);
      return { op, s: await snapshot(h) };
    },
  };
}

/**
 * Exactly once: the expected backup and copy jobs, one restore job per resource (three, or as many
 * as `restores` says), and one DNS change (or `changes`).
 */
export function expectOnce(
  s: Awaited<ReturnType<typeof snapshot>>,
  counts: { backups: number; copies: number; restores?: number; changes?: number },
): void {
  const restores = counts.restores ?? 3;
  expect(s.backupJobs).toHaveLength(counts.backups);
  expect(s.copyJobs).toHaveLength(counts.copies);
  expect(s.restoreJobs).toHaveLength(restores);
  expect(new Set(s.restoreJobs.map((j) => `${j.region} ${j.resourceArn}`)).size).toBe(restores);
  expect(s.changes).toHaveLength(counts.changes ?? 1);
}
