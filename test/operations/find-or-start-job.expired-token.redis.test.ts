import { requestApproved, snapshot, waitForFinal } from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

/**
 * The worst resume: a worker dies right after an AWS Start* call returned, before it saved the
 * job id, and nobody resumes the step until its idempotency token has expired (AWS keeps them for
 * about an hour). A retried Start* would then start a second job; the step instead lists the
 * resource's jobs since it began and adopts the one it started. Planned failover, so the final
 * backup, the copy and the restore each go through it.
 */
describe('a step resumed after its idempotency token expired', () => {
  const died = new Set<string>();
  const ops = operationHarness('expired-token', {
    startWorkers: 'on start',
    workerOptions: {
      tokenTrustMs: 0,
      checkpoint: async (step, phase) => {
        if (phase !== 'called' || died.has(step)) return;
        died.add(step);
        // Two hours pass in AWS: the token the next attempt would send is forgotten.
        await ops.harness().control('POST', '/_sandbox/clock', { advanceMs: 2 * 3_600_000 });
        throw new Error(`worker died after starting the ${step} jobs`);
      },
    },
  });

  it('finds the jobs it started instead of starting them again', async () => {
    const h = ops.harness();
    const approved = await requestApproved(h, {
      kind: 'failover',
      environment: 'shop-prod',
      planned: true,
    });
    await ops.start();

    const op = await waitForFinal(h, approved.id, 45_000);

    expect([...died].sort()).toEqual(['copy', 'dns', 'final-backup', 'restore']);
    expect(op.state).toBe('succeeded');
    const s = await snapshot(h);
    const perResource = (jobs: { resourceArn: string }[]) => jobs.map((j) => j.resourceArn).sort();
    expect(s.backupJobs).toHaveLength(3);
    expect(new Set(perResource(s.backupJobs)).size).toBe(3);
    expect(s.copyJobs).toHaveLength(3);
    expect(new Set(perResource(s.copyJobs)).size).toBe(3);
    expect(s.restoreJobs).toHaveLength(3);
    expect(new Set(perResource(s.restoreJobs)).size).toBe(3);
    expect(s.changes).toHaveLength(1);
  }, 60_000);
});
