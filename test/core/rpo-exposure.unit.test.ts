import fc from 'fast-check';
import { fakeClock } from '../../src/clock';
import {
  computeExposure,
  formatExposure,
  worstStatus,
  type ComputeExposureInput,
} from '../../src/core/rpo-exposure';
import { CARTS, fullPoints, ORDERS, point, SHOP_DB, shopProd, T0 } from './support/fixtures';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function intranet() {
  return {
    ...shopProd(),
    name: 'intranet-prod',
    rpoMs: 24 * HOUR,
    resources: [{ arn: SHOP_DB, resourceType: 'RDS', name: 'shop' }],
  };
}

describe('computeExposure', () => {
  it('proves a 24-hour RPO breach in milliseconds', () => {
    const clock = fakeClock(T0);
    const points = [point(SHOP_DB, clock.now())];
    const at = () =>
      computeExposure({ environment: intranet(), recoveryPoints: points, now: clock.now() });

    expect(at()).toMatchObject({ status: 'ok', worstExposureMs: 0, rpoTargetMs: 24 * HOUR });
    clock.advance({ hours: 24 });
    expect(at()).toMatchObject({ status: 'ok', worstExposureMs: 24 * HOUR });
    clock.advance({ milliseconds: 1 });
    expect(at()).toMatchObject({
      status: 'breached',
      worstExposureMs: 24 * HOUR + 1,
      worstResourceArn: SHOP_DB,
    });
  });

  const base = (overrides: Partial<ComputeExposureInput> = {}): ComputeExposureInput => ({
    environment: shopProd(),
    recoveryPoints: fullPoints(T0),
    now: T0.plus({ hours: 1 }),
    ...overrides,
  });

  it.each<[string, Partial<ComputeExposureInput>, string]>([
    ['fresh points', {}, 'ok'],
    ['a point older than the target', { now: T0.plus({ hours: 4, minutes: 1 }) }, 'breached'],
    ['exactly the target', { now: T0.plus({ hours: 4 }) }, 'ok'],
    [
      'the next backup lands too late',
      {
        now: T0.plus({ hours: 3 }),
        nextBackupDueAt: T0.plus({ hours: 3, minutes: 30 }),
        expectedBackupDurationMs: 40 * MINUTE,
      },
      'at-risk',
    ],
    [
      'the next backup lands in time',
      {
        now: T0.plus({ hours: 3 }),
        nextBackupDueAt: T0.plus({ hours: 3, minutes: 10 }),
        expectedBackupDurationMs: 40 * MINUTE,
      },
      'ok',
    ],
    [
      'a backup due already that takes too long',
      {
        now: T0.plus({ hours: 3, minutes: 30 }),
        nextBackupDueAt: T0,
        expectedBackupDurationMs: 40 * MINUTE,
      },
      'at-risk',
    ],
    ['no points at all', { recoveryPoints: [] }, 'unprotected'],
    [
      'only a partial point',
      { recoveryPoints: [point(SHOP_DB, T0, { status: 'PARTIAL' })] },
      'unprotected',
    ],
    ['points in another region', { recoveryPoints: fullPoints(T0, 'eu-north-1') }, 'unprotected'],
  ])('%s → %s', (_case, overrides, status) => {
    expect(computeExposure(base(overrides)).status).toBe(status);
  });

  it('takes the data age of the newest completed point of each resource', () => {
    const exposure = computeExposure(
      base({
        now: T0.plus({ hours: 5 }),
        recoveryPoints: [
          point(SHOP_DB, T0),
          point(SHOP_DB, T0.plus({ hours: 2 }), {
            completedAt: T0.plus({ hours: 4 }).toISO() ?? '',
          }),
          point(SHOP_DB, T0.plus({ hours: 4 }), { status: 'DELETING' }),
          point(ORDERS, T0.plus({ hours: 4 })),
        ],
      }),
    );
    expect(exposure.perResource.map((r) => [r.resourceArn, r.exposureMs, r.status])).toEqual([
      [SHOP_DB, 3 * HOUR, 'ok'],
      [ORDERS, HOUR, 'ok'],
      [CARTS, undefined, 'unprotected'],
    ]);
    expect(exposure).toMatchObject({
      environment: 'shop-prod',
      region: 'eu-central-1',
      status: 'unprotected',
      worstExposureMs: 3 * HOUR,
      worstResourceArn: CARTS,
    });
    expect(formatExposure(exposure)).toBe(
      `shop-prod: unprotected (no recovery point of ${CARTS} in eu-central-1; RPO 4h)`,
    );
  });

  it('counts points of the current ARN and of the configured ARN', () => {
    const restored = 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored';
    const exposure = computeExposure(
      base({
        protectionRegion: 'eu-west-1',
        resources: { [SHOP_DB]: restored },
        now: T0.plus({ hours: 3 }),
        recoveryPoints: [
          point(restored, T0.plus({ hours: 2 }), { region: 'eu-west-1' }),
          point(ORDERS, T0.plus({ hours: 1 }), { region: 'eu-west-1' }),
          point(CARTS, T0, { region: 'eu-west-1' }),
        ],
      }),
    );
    expect(exposure.perResource[0]).toMatchObject({ currentArn: restored, exposureMs: HOUR });
    expect(exposure).toMatchObject({
      status: 'ok',
      region: 'eu-west-1',
      worstResourceArn: CARTS,
      worstExposureMs: 3 * HOUR,
    });
    expect(formatExposure(exposure)).toBe('shop-prod: 3h of 4h (ok)');
  });

  it('exposure never falls as time passes with the same points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 48 * 60 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 72 * 60 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        (createdMinutes, startMinutes, stepMinutes) => {
          const points = createdMinutes.map((m, i) =>
            point([SHOP_DB, ORDERS, CARTS][i % 3] ?? SHOP_DB, T0.plus({ minutes: m })),
          );
          const now = T0.plus({ minutes: startMinutes });
          const a = computeExposure(base({ recoveryPoints: points, now }));
          const b = computeExposure(
            base({ recoveryPoints: points, now: now.plus({ minutes: stepMinutes }) }),
          );
          a.perResource.forEach((r, i) => {
            expect(b.perResource[i]?.exposureMs ?? Infinity).toBeGreaterThanOrEqual(
              r.exposureMs ?? Infinity,
            );
          });
          const severity = ['ok', 'at-risk', 'breached', 'unprotected'];
          expect(severity.indexOf(b.status)).toBeGreaterThanOrEqual(severity.indexOf(a.status));
        },
      ),
    );
  });
});

describe('worstStatus', () => {
  it.each([
    [[], 'ok'],
    [['ok', 'at-risk'], 'at-risk'],
    [['breached', 'at-risk', 'ok'], 'breached'],
    [['breached', 'unprotected'], 'unprotected'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(worstStatus(statuses)).toBe(expected);
  });
});
