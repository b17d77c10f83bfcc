import { buildPlan, type BuildPlanInput } from '../../src/core/build-plan';
import { afterFailover } from '../../src/core/environment-state';
import { planFingerprint } from '../../src/core/plan-fingerprint';
import type { EnvironmentState } from '../../src/core/types';
import {
  CARTS,
  fullPoints,
  initialState,
  ORDERS,
  point,
  SHOP_DB,
  shopProd,
  T0,
} from './support/fixtures';

const HOUR = 3_600_000;
const requestedAt = T0.plus({ hours: 3 });

function input(overrides: Partial<BuildPlanInput> = {}): BuildPlanInput {
  return {
    kind: 'failover',
    environment: shopProd(),
    state: initialState(),
    planned: false,
    recoveryPoints: fullPoints(T0.plus({ hours: 1 })),
    requestedAt,
    configVersion: 'v1',
    ...overrides,
  };
}

function plan(overrides: Partial<BuildPlanInput> = {}) {
  const result = buildPlan(input(overrides));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.plan;
}

/** shop-prod after a failover to eu-central-1, with the database restored under a new name. */
function failedOverState(isUp: (r: string) => boolean = () => true): EnvironmentState {
  const p = plan();
  return afterFailover({
    state: initialState(),
    environment: shopProd(),
    plan: p,
    restoredArns: { [SHOP_DB]: 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored' },
    now: requestedAt,
    isRegionUp: isUp,
  });
}

describe('buildPlan: failover', () => {
  it('goes from the primary to the recovery region by default, with the newest points', () => {
    const older = point(SHOP_DB, T0);
    const queued = point(SHOP_DB, T0.plus({ hours: 2 }), { status: 'PARTIAL' });
    const p = plan({ recoveryPoints: [older, ...fullPoints(T0.plus({ hours: 1 })), queued] });
    expect(p).toMatchObject({
      kind: 'failover',
      environment: 'shop-prod',
      fromRegion: 'eu-west-1',
      toRegion: 'eu-central-1',
      planned: false,
      hostedZoneId: 'Z0SHOP',
      healthChecks: ['hc-shop-euc1'],
      rpoTargetMs: 4 * HOUR,
      rtoTargetMs: 24 * HOUR,
      rtoDeadline: '2026-01-02T03:00:00.000Z',
    });
    expect(p.resources.map((r) => [r.resourceArn, r.sourceArn, r.dataLossMs])).toEqual([
      [SHOP_DB, SHOP_DB, 2 * HOUR],
      [ORDERS, ORDERS, 2 * HOUR],
      [CARTS, CARTS, 2 * HOUR],
    ]);
    expect(p.resources[0]?.recoveryPointCreatedAt).toBe('2026-01-01T01:00:00.000Z');
    expect(p.dnsChanges).toEqual([
      {
        name: 'shop.example.com',
        type: 'CNAME',
        ttl: 60,
        from: 'shop-euw1.example.com',
        to: 'shop-euc1.example.com',
      },
      {
        name: 'api.shop.example.com',
        type: 'CNAME',
        ttl: 60,
        from: 'api-euw1.example.com',
        to: 'api-euc1.example.com',
      },
    ]);
    expect(p.fingerprint).toBe(planFingerprint(p));
  });

  it('goes to another allowed region when asked', () => {
    const p = plan({ toRegion: 'eu-north-1', recoveryPoints: fullPoints(T0, 'eu-north-1') });
    expect(p).toMatchObject({ toRegion: 'eu-north-1', healthChecks: ['hc-shop-eun1'] });
    expect(p.dnsChanges[0]?.to).toBe('shop-eun1.example.com');
  });

  it.each([
    [
      'us-west-2',
      /us-west-2 is not an allowed region for shop-prod; choose one of eu-central-1, eu-north-1/,
    ],
    ['eu-west-1', /primary region.*\/dr failback shop-prod/],
  ])('refuses --to %s', (toRegion, message) => {
    const result = buildPlan(input({ toRegion }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.stringMatching(message)]);
  });

  it('lists every resource without a completed point in the target vault, unplanned', () => {
    const result = buildPlan(
      input({
        recoveryPoints: [
          point(SHOP_DB, T0),
          point(ORDERS, T0, { status: 'PARTIAL' }),
          point(CARTS, T0, { region: 'eu-north-1' }),
        ],
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'no completed recovery point in eu-central-1 (vault shop-prod-dr) for DynamoDB orders, DynamoDB carts; run /dr backup shop-prod first, or fail over with --planned while eu-west-1 is up',
      ],
    });
  });

  it('says backups do not reach a region other than the protection region', () => {
    const result = buildPlan(
      input({ toRegion: 'eu-north-1', recoveryPoints: [point(SHOP_DB, T0)] }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'no completed recovery point in eu-north-1 (vault shop-prod-dr) for RDS shop, DynamoDB orders, DynamoDB carts; fail over with --planned while eu-west-1 is up, or fail over to eu-central-1, where the backups are copied',
      ],
    });
  });

  it('accepts missing points when planned (a final backup and copy come first)', () => {
    const p = plan({ planned: true, recoveryPoints: [] });
    expect(p.planned).toBe(true);
    expect(
      p.resources.every((r) => r.recoveryPointArn === undefined && r.dataLossMs === undefined),
    ).toBe(true);
  });

  it('from a recovery region, defaults to the protection region when allowed, else another', () => {
    const state = failedOverState();
    expect(state).toMatchObject({ activeRegion: 'eu-central-1', protectionRegion: 'eu-west-1' });
    const p = plan({ state, recoveryPoints: [], planned: true });
    expect(p).toMatchObject({ fromRegion: 'eu-central-1', toRegion: 'eu-north-1' });
    expect(p.dnsChanges[0]).toMatchObject({
      from: 'shop-euc1.example.com',
      to: 'shop-eun1.example.com',
    });
  });

  it('uses points of the ARN serving now, not of the original resource', () => {
    const restored = 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored';
    const state = failedOverState();
    const p = plan({
      state,
      toRegion: 'eu-north-1',
      recoveryPoints: [
        point(SHOP_DB, T0.plus({ hours: 2, minutes: 30 }), { region: 'eu-north-1' }),
        point(restored, T0.plus({ hours: 2 }), { region: 'eu-north-1' }),
        point(ORDERS, T0, { region: 'eu-north-1' }),
        point(CARTS, T0, { region: 'eu-north-1' }),
      ],
    });
    expect(p.resources[0]).toMatchObject({
      resourceArn: SHOP_DB,
      sourceArn: restored,
      dataLossMs: HOUR,
    });
  });

  it('refuses when the only allowed region is the active one', () => {
    const env = { ...shopProd(), allowedRegions: ['eu-central-1'] };
    const state = {
      ...initialState(),
      activeRegion: 'eu-central-1',
      protectionRegion: 'eu-west-1',
    };
    const result = buildPlan(input({ environment: env, state }));
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringContaining('/dr failback shop-prod')],
    });
  });
});

describe('buildPlan: failback and drill', () => {
  it('fails back home, planned, without needing points', () => {
    const result = buildPlan({
      ...input(),
      kind: 'failback',
      state: failedOverState(),
      recoveryPoints: [],
    });
    expect(result).toMatchObject({
      ok: true,
      plan: {
        kind: 'failback',
        fromRegion: 'eu-central-1',
        toRegion: 'eu-west-1',
        planned: true,
        healthChecks: ['hc-shop-euw1'],
      },
    });
    if (result.ok)
      expect(result.plan.dnsChanges[0]).toMatchObject({
        from: 'shop-euc1.example.com',
        to: 'shop-euw1.example.com',
      });
  });

  it('refuses a failback from the primary, or to another region', () => {
    expect(buildPlan(input({ kind: 'failback' }))).toEqual({
      ok: false,
      problems: [expect.stringContaining('already runs in its primary region')],
    });
    expect(
      buildPlan({ ...input(), kind: 'failback', state: failedOverState(), toRegion: 'eu-north-1' }),
    ).toEqual({
      ok: false,
      problems: [expect.stringContaining('/dr failover --to eu-north-1')],
    });
  });

  it('drills in the protection region without DNS changes, and needs points', () => {
    const result = buildPlan(input({ kind: 'drill' }));
    expect(result).toMatchObject({
      ok: true,
      plan: { kind: 'drill', toRegion: 'eu-central-1', dnsChanges: [], healthChecks: [] },
    });
    expect(buildPlan(input({ kind: 'drill', recoveryPoints: [] }))).toEqual({
      ok: false,
      problems: [
        'no completed recovery point in eu-central-1 (vault shop-prod-dr) for RDS shop, DynamoDB orders, DynamoDB carts; run /dr backup shop-prod first',
      ],
    });
  });
});

describe('planFingerprint', () => {
  it('ignores recovery points and request time, and changes with what moves', () => {
    const a = plan();
    const b = plan({
      recoveryPoints: fullPoints(T0.plus({ hours: 2 })),
      requestedAt: requestedAt.plus({ minutes: 5 }),
    });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(plan({ configVersion: 'v2' }).fingerprint).not.toBe(a.fingerprint);
    expect(
      plan({ toRegion: 'eu-north-1', recoveryPoints: fullPoints(T0, 'eu-north-1') }).fingerprint,
    ).not.toBe(a.fingerprint);
    expect(
      plan({
        planned: true,
        state: { ...initialState(), resources: { [SHOP_DB]: 'arn:other' } },
      }).fingerprint,
    ).not.toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
