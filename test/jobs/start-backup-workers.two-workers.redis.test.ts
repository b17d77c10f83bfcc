import { startJobs } from '../../jobs';
import { parseRunId } from '../../src/queue/run-id';
import { eventually } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import { backupConfigYaml, emulatedState, SHOP_DB } from '../backups/support/backup-fixtures';

describe('two workers on one Redis', () => {
  let h: Harness;

  beforeAll(async () => {
    // A 2 s RPO cannot be held with minute-rounded intervals: the planner falls back to the
    // floor, here 400 ms, so ticks come fast enough to race.
    h = await createHarness({
      configYaml: backupConfigYaml({ shopRpo: '2s' }),
      jobMs: 100,
      pollMs: 50,
      name: 'bk-two',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('fire each tick once, and one run at a time per environment', async () => {
    const options = { floorMs: 400, monitorEveryMs: 60_000, closeTimeoutMs: 2_000 } as const;
    const [a, b] = await Promise.all([
      startJobs(h.deps, h.infra, { sides: ['backups'], backups: options }),
      startJobs(h.deps, h.infra, { sides: ['backups'], backups: options }),
    ]);
    // Both workers race for the ticks until a handful of them have been decided.
    const backupEntries = async () =>
      (await h.deps.audit.read({ environment: 'shop-prod', order: 'asc', limit: 1_000 })).filter(
        (e) => e.type === 'backup',
      );
    await eventually(async () => ((await backupEntries()).length >= 6 ? true : undefined), {
      timeoutMs: 30_000,
      everyMs: 100,
      what: 'six ticks decided by the two workers',
    });
    await Promise.all([a.close(), b.close()]);

    const entries = await backupEntries();
    const tickIds = entries.map((e) => {
      const runId = e.detail?.['runId'];
      return typeof runId === 'string'
        ? (parseRunId(runId)?.jobId ?? runId)
        : String(e.detail?.['tickId']);
    });
    expect(tickIds.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tickIds).size).toBe(tickIds.length);
    expect(tickIds.every((id) => id.startsWith('repeat:backup-shop-prod:'))).toBe(true);

    const runs = entries
      .filter((e) => e.detail?.['outcome'] !== 'skipped')
      .map((e) => ({
        endMs: Date.parse(e.at),
        startMs: Date.parse(e.at) - Number(e.detail?.['durationMs']),
      }));
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.startMs).toBeGreaterThanOrEqual(runs[i - 1]!.endMs);
    }
    const skipped = entries.length - runs.length;
    console.log(
      `${entries.length} ticks: ${runs.length} runs, ${skipped} skipped while a run was in flight`,
    );

    // One backup job per resource and run: no tick started AWS work twice. A run the close
    // interrupted holds the in-flight marker and may have started its jobs.
    const interrupted = (await h.deps.backupsInFlight.holder('shop-prod')) !== undefined;
    const state = await emulatedState(h);
    const backups = state.backupJobs.filter((j) => j.resourceArn === SHOP_DB).length;
    expect(backups === runs.length || (interrupted && backups === runs.length + 1)).toBe(true);
    expect(state.copyJobs.filter((j) => j.resourceArn === SHOP_DB).length).toBeLessThanOrEqual(
      backups,
    );
  });
});
