import fc from 'fast-check';
import { percentile, planBackupInterval } from '../../src/core/schedule-planner';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('planBackupInterval', () => {
  it.each<[string, number, number[], number, number]>([
    ['4h target, one 40m run', 4 * HOUR, [40 * MINUTE], 3 * HOUR + 20 * MINUTE, 40 * MINUTE],
    [
      '4h target, nothing observed (30m assumed)',
      4 * HOUR,
      [],
      3 * HOUR + 30 * MINUTE,
      30 * MINUTE,
    ],
    ['24h target, 2h runs', 24 * HOUR, [HOUR, 2 * HOUR, 90 * MINUTE], 22 * HOUR, 2 * HOUR],
    ['rounds down to a whole minute', HOUR, [30 * MINUTE + 1], 29 * MINUTE, 30 * MINUTE + 1],
  ])('%s', (_case, rpoTargetMs, observedDurationsMs, intervalMs, expectedDurationMs) => {
    expect(planBackupInterval({ rpoTargetMs, observedDurationsMs })).toMatchObject({
      intervalMs,
      expectedDurationMs,
    });
  });

  it('explains the interval', () => {
    expect(
      planBackupInterval({ rpoTargetMs: 4 * HOUR, observedDurationsMs: [40 * MINUTE] }).reason,
    ).toBe(
      'every 3h 20m keeps the data within 4h: backup and copy take up to 40m (from 1 recent run)',
    );
  });

  it('uses the p90 of the latest 20 runs, so one old outlier is forgotten and a slowdown counts at once', () => {
    const runs = [5 * HOUR, ...Array.from({ length: 20 }, () => 20 * MINUTE)];
    expect(
      planBackupInterval({ rpoTargetMs: 4 * HOUR, observedDurationsMs: runs }).expectedDurationMs,
    ).toBe(20 * MINUTE);
    const withRecentSlowRuns = [...runs.slice(0, 18), 50 * MINUTE, 60 * MINUTE, 70 * MINUTE];
    expect(
      planBackupInterval({ rpoTargetMs: 4 * HOUR, observedDurationsMs: withRecentSlowRuns })
        .expectedDurationMs,
    ).toBe(70 * MINUTE);
  });

  it('applies the safety factor', () => {
    expect(
      planBackupInterval({
        rpoTargetMs: 4 * HOUR,
        observedDurationsMs: [40 * MINUTE],
        safety: 1.5,
      }),
    ).toMatchObject({
      intervalMs: 3 * HOUR,
      expectedDurationMs: 60 * MINUTE,
    });
  });

  it('returns the floor and says so when the target cannot be held', () => {
    const result = planBackupInterval({ rpoTargetMs: HOUR, observedDurationsMs: [50 * MINUTE] });
    expect(result.intervalMs).toBe(15 * MINUTE);
    expect(result.reason).toMatch(/^the RPO target of 1h cannot be held/);
    expect(
      planBackupInterval({
        rpoTargetMs: HOUR,
        observedDurationsMs: [2 * HOUR],
        floorMs: 5 * MINUTE,
      }).intervalMs,
    ).toBe(5 * MINUTE);
  });

  it('interval + duration never exceed the target when it can be held, and never go below the floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MINUTE, max: 72 * HOUR }),
        fc.array(fc.integer({ min: 0, max: 10 * HOUR }), { maxLength: 30 }),
        (rpoTargetMs, observedDurationsMs) => {
          const { intervalMs, expectedDurationMs, reason } = planBackupInterval({
            rpoTargetMs,
            observedDurationsMs,
          });
          expect(intervalMs).toBeGreaterThanOrEqual(15 * MINUTE);
          if (!reason.includes('cannot be held')) {
            expect(intervalMs + expectedDurationMs).toBeLessThanOrEqual(rpoTargetMs);
          }
          const recent = observedDurationsMs.slice(-20);
          if (recent.length > 0)
            expect(expectedDurationMs).toBeLessThanOrEqual(Math.max(...recent));
        },
      ),
    );
  });
});

describe('percentile', () => {
  it.each([
    [[1], 0.9, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[10, 1, 5], 0.5, 5],
    [[3, 1, 2], 1, 3],
  ])('p%#: %j at %s → %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
