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
    async crashThenFinish(crashPoints: readonly string[], planned: boolean) {
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
      return { op, s: await snapshot(h) };
    },
  };
}

/** Exactly once: one restore job per resource, one DNS change, and the expected backups/copies. */
export function expectOnce(
  s: Awaited<ReturnType<typeof snapshot>>,
  counts: { backups: number; copies: number },
): void {
  expect(s.backupJobs).toHaveLength(counts.backups);
  expect(s.copyJobs).toHaveLength(counts.copies);
  expect(s.restoreJobs).toHaveLength(3);
  expect(new Set(s.restoreJobs.map((j) => j.resourceArn)).size).toBe(3);
  expect(s.changes).toHaveLength(1);
}
