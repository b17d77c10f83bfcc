import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import { eventually } from '../support/eventually';
import type { Harness } from '../support/harness';
import {
  HOUR_MS,
  recordValues,
  requestApproved,
  seedCopiedPoints,
  snapshot,
  waitForFinal,
} from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

async function stepEvents(h: Harness, operationId: string) {
  const entries = await h.infra.redis.xrange(h.infra.keys.events, '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[1] ?? '{}') as LifeboatEvent)
    .filter(
      (e): e is Extract<LifeboatEvent, { type: 'operation.step' }> =>
        e.type === 'operation.step' && e.operationId === operationId,
    );
}

/**
 * payments-prod runs in us-east-1, where Route 53's control plane lives: when that region goes
 * dark, health checks cannot be read nor records changed. The failover to us-west-2 restores,
 * then waits, says why in the thread and on the step, and finishes once Route 53 answers again.
 */
describe('failover while the Route 53 control plane does not answer', () => {
  const { harness } = operationHarness('r53-outage', { startWorkers: 'before each' });

  it('waits at the health step, says so once, moves no traffic, and goes on when AWS answers', async () => {
    const h = harness();
    await seedCopiedPoints(h, 'payments-prod', 'us-west-2', HOUR_MS);
    await h.control('POST', '/_sandbox/regions/us-east-1', { up: false });
    const approved = await requestApproved(h, { kind: 'failover', environment: 'payments-prod' });

    const blocked = await eventually(
      async () => {
        const op = await h.deps.operations.get(approved.id);
        const health = op?.steps.find((s) => s.name === 'health');
        return health?.state === 'running' &&
          health.detail?.startsWith('waiting on AWS: AWS did not answer')
          ? health
          : undefined;
      },
      { what: 'the health step to say it waits on AWS' },
    );
    expect(blocked.detail).toContain('route53:GetHealthCheckStatus');
    // Several polls later, still one line about it, and the records untouched.
    await new Promise((r) => setTimeout(r, 500));
    const lines = (await stepEvents(h, approved.id)).filter((e) => e.state === 'blocked');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.step).toBe('health');
    expect((await snapshot(h)).changes).toHaveLength(0);
    expect((await h.deps.operations.get(approved.id))?.state).toBe('running');

    await h.control('POST', '/_sandbox/regions/us-east-1', { up: true });
    const op = await waitForFinal(h, approved.id);

    expect(op.state).toBe('succeeded');
    const s = await snapshot(h);
    expect(s.changes).toHaveLength(1);
    expect(recordValues(s, 'Z0PAY')['pay.example.com']).toEqual(['pay-usw2.example.com']);
    const events = await stepEvents(h, approved.id);
    expect(events.filter((e) => /^AWS answers again after/.test(e.text))).toHaveLength(1);
    expect(op.steps.find((s) => s.name === 'health')?.detail).not.toContain('waiting on AWS');
  });
});
