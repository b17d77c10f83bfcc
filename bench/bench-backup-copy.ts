import { startJobs } from '../jobs';
import {
  backupConfigYaml,
  emulatedState,
  ORDERS,
  publishedEvents,
  SHOP_DB,
} from '../test/backups/support/backup-fixtures';
import { eventually } from '../test/support/eventually';
import { createHarness } from '../test/support/harness';
import { fromSamples, row, sampleRuns, type BenchRow } from './measure';

const JOB_MS = 200;
const POLL_MS = 50;
const WARMUP = 1;
const SAMPLES = 5;
const SHOP = [SHOP_DB, ORDERS];

/**
 * A scheduled backup of shop-prod in the AWS emulator: from the scheduler's tick to the last
 * completed copy in the recovery vault, against the part AWS imposes, measured on the emulator's
 * own clock in the same run: the slowest backup job plus the slowest copy job (2×jobMs). Each
 * sample is a fresh emulator, Redis prefix and backup workers, whose schedulers tick at once.
 */
export async function benchBackupToCopy(): Promise<BenchRow> {
  const runs = await sampleRuns(backupOnce, { samples: SAMPLES, warmup: WARMUP });
  return row(
    `scheduler tick → copy in recovery vault (jobMs ${JOB_MS}, pollMs ${POLL_MS})`,
    'backup job + copy job (2×jobMs)',
    fromSamples(runs.map((r) => r.tickToCopyMs)),
    fromSamples(runs.map((r) => r.backupPlusCopyMs)),
    `median of ${SAMPLES} runs, each in a fresh emulator`,
  );
}

async function backupOnce(): Promise<{ tickToCopyMs: number; backupPlusCopyMs: number }> {
  const h = await createHarness({
    configYaml: backupConfigYaml(),
    jobMs: JOB_MS,
    pollMs: POLL_MS,
    name: 'bench-backup',
  });
  let workers: { close(): Promise<void> } | undefined;
  try {
    workers = await startJobs(h.deps, h.infra, {
      sides: ['backups'],
      backups: { monitorEveryMs: 60_000, closeTimeoutMs: 2_000 },
    });
    // Both environments tick at once; wait for both, so closing the workers interrupts nothing.
    const finished = await eventually(
      async () => {
        const events = await publishedEvents(h.infra.redis, h.infra.keys.events);
        const done = events.filter((e) => e.type === 'backup.finished');
        return done.length >= 2 ? done : undefined;
      },
      { timeoutMs: 15_000, what: 'both environments backed up' },
    );
    const failed = finished.filter(
      (e) => e.type === 'backup.finished' && e.outcome !== 'succeeded',
    );
    if (failed.length > 0)
      throw new Error(`backup runs did not succeed: ${JSON.stringify(failed)}`);

    const audit = await h.deps.audit.read({ environment: 'shop-prod', order: 'asc' });
    const runId = String(audit.find((e) => e.type === 'backup')?.detail?.['runId'] ?? '');
    // The scheduler's job id ends in the tick's time: `repeat:<scheduler>:<tick ms>@<created ms>`.
    const tickMs = Number(/:(\d+)@/.exec(runId)?.[1]);
    if (!Number.isFinite(tickMs)) throw new Error(`no tick time in run id "${runId}"`);

    const state = await emulatedState(h);
    const shop = <T extends { resourceArn: string }>(list: T[]) =>
      list.filter((j) => SHOP.includes(j.resourceArn));
    const copies = shop(state.copyJobs);
    const backups = shop(state.backupJobs);
    const copied = shop(state.recoveryPoints).filter(
      (p) =>
        p.region === 'eu-central-1' && p.vaultName === 'shop-prod-dr' && p.status === 'COMPLETED',
    );
    if (
      copies.length !== SHOP.length ||
      backups.length !== SHOP.length ||
      copied.length !== SHOP.length
    ) {
      throw new Error(
        `expected ${SHOP.length} backups, copies and copied points; got ${backups.length}, ${copies.length}, ${copied.length}`,
      );
    }
    const completed = (j: { completedAt?: string }) => Date.parse(j.completedAt ?? '');
    const took = (j: { createdAt: string; completedAt?: string }) =>
      completed(j) - Date.parse(j.createdAt);
    const lastCopyMs = Math.max(...copies.map(completed));
    const backupPlusCopyMs = Math.max(...backups.map(took)) + Math.max(...copies.map(took));
    if (!Number.isFinite(lastCopyMs) || !Number.isFinite(backupPlusCopyMs)) {
      throw new Error('a backup or copy job never completed');
    }
    return { tickToCopyMs: lastCopyMs - tickMs, backupPlusCopyMs };
  } finally {
    await workers?.close();
    await h.close();
  }
}
