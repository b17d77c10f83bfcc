import { fakeClock } from '../../src/clock';
import { summarizeOutcome } from '../../src/core/operation-report';
import type { PlannedResource } from '../../src/core/types';
import { CARTS, dummyPlan, ORDERS, requestedOp, SHOP_DB, T0 } from './support/fixtures';

const HOUR = 3_600_000;
const resource = (resourceArn: string, dataLossMs?: number): PlannedResource => ({
  resourceArn,
  resourceType: 'RDS',
  sourceArn: resourceArn,
  ...(dataLossMs !== undefined ? { dataLossMs } : {}),
});

describe('summarizeOutcome', () => {
  const plan = dummyPlan({
    rpoTargetMs: 4 * HOUR,
    rtoTargetMs: 24 * HOUR,
    resources: [resource(SHOP_DB, 2 * HOUR), resource(ORDERS, 5 * HOUR), resource(CARTS)],
  });

  it('measures a running operation against the clock and the plan estimates', () => {
    const clock = fakeClock(T0);
    clock.advance({ hours: 25 });
    const summary = summarizeOutcome(requestedOp({ state: 'running', plan }), clock.now());
    expect(summary.rto).toEqual({ actualMs: 25 * HOUR, targetMs: 24 * HOUR, verdict: 'missed' });
    expect(summary.dataLoss).toEqual([
      { resourceArn: SHOP_DB, actualMs: 2 * HOUR, targetMs: 4 * HOUR, verdict: 'met' },
      { resourceArn: ORDERS, actualMs: 5 * HOUR, targetMs: 4 * HOUR, verdict: 'missed' },
      { resourceArn: CARTS, targetMs: 4 * HOUR, verdict: 'unknown' },
    ]);
    expect(summary.worstDataLoss).toEqual({
      actualMs: 5 * HOUR,
      targetMs: 4 * HOUR,
      verdict: 'missed',
    });
    expect(summary.text).toBe('RTO 1d 1h of 1d (missed) · data loss 5h of 4h (missed)');
  });

  it('prefers what the executor measured, and the finish time over now', () => {
    const op = requestedOp({
      state: 'succeeded',
      plan,
      finishedAt: T0.plus({ hours: 2 }).toISO() ?? '',
      outcome: {
        dataLossMs: { [SHOP_DB]: 10 * 60_000, [ORDERS]: 12 * 60_000, [CARTS]: 11 * 60_000 },
        worstDataLossMs: 12 * 60_000,
      },
    });
    const summary = summarizeOutcome(op, T0.plus({ days: 3 }));
    expect(summary.rto).toMatchObject({ actualMs: 2 * HOUR, verdict: 'met' });
    expect(summary.dataLoss.map((d) => d.verdict)).toEqual(['met', 'met', 'met']);
    expect(summary.text).toBe('RTO 2h of 1d (met) · data loss 12m of 4h (met)');
    expect(
      summarizeOutcome({ ...op, outcome: { ...op.outcome, rtoMs: 3 * HOUR } }, T0).rto.actualMs,
    ).toBe(3 * HOUR);
  });

  it('says when the data loss is unknown', () => {
    const summary = summarizeOutcome(
      requestedOp({ plan: dummyPlan({ resources: [resource(CARTS)] }) }),
      T0,
    );
    expect(summary.worstDataLoss.verdict).toBe('unknown');
    expect(summary.text).toBe('RTO 0s of 1d (met) · data loss unknown');
  });

  it.each([
    ['failed', {}, 'not recovered: failed after 3s (RTO target 1d); traffic stays in eu-west-1'],
    [
      'cancelled',
      {},
      'not recovered: cancelled after 3s (RTO target 1d); traffic stays in eu-west-1',
    ],
    ['failed', { dnsStartedAt: 'x' }, 'not recovered: failed after 3s (RTO target 1d)'],
  ] as const)('never calls an operation that ended %s a met RTO', (state, progress, text) => {
    const op = requestedOp({
      state,
      plan,
      progress: { ...progress },
      finishedAt: T0.plus({ seconds: 3 }).toISO() ?? '',
    });
    expect(summarizeOutcome(op, T0.plus({ days: 1 })).text).toBe(text);
  });

  it('says a failed drill changed no DNS', () => {
    const op = requestedOp({
      kind: 'drill',
      state: 'failed',
      plan,
      finishedAt: T0.plus({ seconds: 3 }).toISO() ?? '',
    });
    expect(summarizeOutcome(op, T0).text).toBe(
      'not recovered: failed after 3s (RTO target 1d); drills change no DNS',
    );
  });
});
