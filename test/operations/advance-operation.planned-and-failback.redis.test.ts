import { DateTime } from 'luxon';
import { operationMessage } from '../../src/slack/blocks/operation-message';
import {
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

describe('planned failover and failback', () => {
  const { harness } = operationHarness('planned', { startWorkers: 'before each' });

  it('takes a final backup and copy first, so the data loss is seconds', async () => {
    const h = harness();
    const approved = await requestApproved(h, {
      kind: 'failover',
      environment: 'shop-prod',
      planned: true,
    });

    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('succeeded');
    expect(op.steps.map((s) => s.name)).toEqual([
      'preflight',
      'final-backup',
      'copy',
      'restore',
      'health',
      'dns',
      're-protect',
    ]);
    const s = await snapshot(h);
    expect(s.backupJobs.map((j) => j.region)).toEqual(['eu-west-1', 'eu-west-1', 'eu-west-1']);
    expect(s.copyJobs).toHaveLength(3);
    expect(s.restoreJobs.every((j) => j.region === 'eu-central-1')).toBe(true);
    expect(op.outcome?.worstDataLossMs).toBeLessThan(10_000);
    expect((await h.deps.environments.get('shop-prod')).protectionRegion).toBe('eu-west-1');
  });

  it('fails back home: backup where it runs, copy home, restore there, DNS home, protection as before', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', 3_600_000);
    const failover = await requestApproved(h, { kind: 'failover', environment: 'shop-prod' });
    expect((await waitForFinal(h, failover.id)).state).toBe('succeeded');
    const away = await h.deps.environments.get('shop-prod');

    const failback = await requestApproved(h, { kind: 'failback', environment: 'shop-prod' });
    const op = await waitForFinal(h, failback.id);

    expect(op.state).toBe('succeeded');
    expect(op.plan.fromRegion).toBe('eu-central-1');
    expect(op.plan.toRegion).toBe('eu-west-1');
    const s = await snapshot(h);
    // The final backups were of the restored resources, in the region they ran in.
    expect(s.backupJobs.map((j) => j.resourceArn).sort()).toEqual(
      Object.values(away.resources).sort(),
    );
    expect(s.restoreJobs.filter((j) => j.region === 'eu-west-1')).toHaveLength(3);
    expect(s.changes).toHaveLength(2);
    expect(recordValues(s, 'Z0SHOP')['shop.example.com']).toEqual(['shop-euw1.example.com']);
    const home = await h.deps.environments.get('shop-prod');
    expect(home.activeRegion).toBe('eu-west-1');
    expect(home.protectionRegion).toBe('eu-central-1');
    expect(Object.values(home.resources).every((arn) => arn.includes(':eu-west-1:'))).toBe(true);
    expect(op.outcome?.rtoMs).toBeGreaterThan(0);

    // The message names the points restored (the final backups' copies), not the plan's guess.
    const message = JSON.stringify(operationMessage(op, DateTime.utc(), 1).blocks);
    expect(message).not.toContain('no recovery point');
    expect(message.match(/data loss \d+(ms|s) of RPO 4h/g)).toHaveLength(3);
  });
});
