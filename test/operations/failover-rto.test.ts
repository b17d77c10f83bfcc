import { startOperationWorkers } from '../../src/operations/start-operation-workers';
import { createHarness, type Harness } from '../support/harness';
import {
  FAST_WORKER_OPTIONS,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';

const JOB_MS = 500;

/**
 * The achieved RTO against the critical path that AWS imposes (the slowest restore plus the DNS
 * change): what the executor adds is its polling and bookkeeping.
 */
describe('failover RTO against the critical path', () => {
  let h: Harness;
  let workers: { close(): Promise<void> };

  beforeAll(async () => {
    h = await createHarness({ name: 'rto', jobMs: JOB_MS, pollMs: 50 });
    workers = await startOperationWorkers(h.deps, FAST_WORKER_OPTIONS);
  });
  afterAll(async () => {
    await workers.close();
    await h.close();
  });

  it('stays within twice the slowest restore plus the DNS change', async () => {
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 3_600_000);
    const approved = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    const op = await waitForFinal(h, approved.id);
    expect(op.state).toBe('succeeded');

    const s = await snapshot(h);
    const slowestRestoreMs = Math.max(
      ...s.restoreJobs.map((j) => Date.parse(j.completedAt ?? '') - Date.parse(j.createdAt)),
    );
    const criticalPathMs = slowestRestoreMs + JOB_MS;
    const ratio = (op.outcome?.rtoMs ?? Infinity) / criticalPathMs;
    process.stdout.write(
      `failover RTO ${op.outcome?.rtoMs} ms, critical path ${criticalPathMs} ms (restore ${slowestRestoreMs} + DNS ${JOB_MS}), ratio ${ratio.toFixed(2)}\n`,
    );
    expect(ratio).toBeLessThan(2);
  });
});
