import { startJobs } from '../jobs';
import {
  FAST_WORKER_OPTIONS,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from '../test/operations/support/operation-fixtures';
import { createHarness } from '../test/support/harness';
import { fromSamples, row, sampleRuns, type BenchRow } from './measure';

const JOB_MS = 500;
const POLL_MS = 50;
const WARMUP = 1;
const SAMPLES = 5;

/**
 * The RTO a failover of shop-prod achieves in the AWS emulator (request to DNS in sync,
 * `outcome.rtoMs`), against the critical path AWS imposes in the same run: the slowest restore, as
 * the emulator timed it, plus the DNS change (INSYNC after jobMs). What the executor adds is its
 * polling and bookkeeping. Each sample is a fresh emulator, Redis prefix and operation workers.
 */
export async function benchFailoverRto(): Promise<BenchRow> {
  const runs = await sampleRuns(failoverOnce, { samples: SAMPLES, warmup: WARMUP });
  return row(
    `failover RTO (jobMs ${JOB_MS}, pollMs ${POLL_MS})`,
    'slowest restore + DNS change',
    fromSamples(runs.map((r) => r.rtoMs)),
    fromSamples(runs.map((r) => r.criticalPathMs)),
    `median of ${SAMPLES} failovers, each in a fresh emulator`,
  );
}

async function failoverOnce(): Promise<{ rtoMs: number; criticalPathMs: number }> {
  const h = await createHarness({ name: 'bench-rto', jobMs: JOB_MS, pollMs: POLL_MS });
  let workers: { close(): Promise<void> } | undefined;
  try {
    workers = await startJobs(h.deps, h.infra, {
      sides: ['operations'],
      operations: FAST_WORKER_OPTIONS,
    });
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 3_600_000);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    const op = await waitForFinal(h, approved.id);
    const rtoMs = op.outcome?.rtoMs;
    if (op.state !== 'succeeded' || rtoMs === undefined) {
      throw new Error(`failover ended ${op.state}: ${op.outcome?.message ?? 'no outcome'}`);
    }
    const { restoreJobs } = await snapshot(h);
    if (restoreJobs.length === 0) throw new Error('the failover restored nothing');
    const slowestRestoreMs = Math.max(
      ...restoreJobs.map((j) => Date.parse(j.completedAt ?? '') - Date.parse(j.createdAt)),
    );
    if (!Number.isFinite(slowestRestoreMs)) throw new Error('a restore job never completed');
    return { rtoMs, criticalPathMs: slowestRestoreMs + JOB_MS };
  } finally {
    await workers?.close();
    await h.close();
  }
}
