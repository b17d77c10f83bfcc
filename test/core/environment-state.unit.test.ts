import {
  afterDrill,
  afterFailback,
  afterFailover,
  initialEnvironmentState,
} from '../../src/core/environment-state';
import { CARTS, dummyPlan, ORDERS, requestedOp, SHOP_DB, shopProd, T0 } from './support/fixtures';

const RESTORED = 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored';

describe('environment state', () => {
  const initial = initialEnvironmentState(shopProd(), T0);

  it('starts in the primary, protected by the recovery region, resources as configured', () => {
    expect(initial).toEqual({
      environment: 'shop-prod',
      activeRegion: 'eu-west-1',
      protectionRegion: 'eu-central-1',
      resources: { [SHOP_DB]: SHOP_DB, [ORDERS]: ORDERS, [CARTS]: CARTS },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it.each<[string, string[], string]>([
    ['the region it left when up', ['eu-west-1', 'eu-central-1', 'eu-north-1'], 'eu-west-1'],
    [
      'another allowed region when the old one is down',
      ['eu-central-1', 'eu-north-1'],
      'eu-north-1',
    ],
    ['the region it left when nothing else is up', ['eu-central-1'], 'eu-west-1'],
  ])('after a failover, protects with %s', (_case, up, protection) => {
    const state = afterFailover({
      state: initial,
      environment: shopProd(),
      plan: dummyPlan(),
      restoredArns: { [SHOP_DB]: RESTORED },
      now: T0.plus({ hours: 1 }),
      isRegionUp: (r) => up.includes(r),
    });
    expect(state).toMatchObject({
      activeRegion: 'eu-central-1',
      protectionRegion: protection,
      resources: { [SHOP_DB]: RESTORED, [ORDERS]: ORDERS, [CARTS]: CARTS },
      updatedAt: '2026-01-01T01:00:00.000Z',
    });
  });

  it('a second failover from the recovery region keeps the primary as protection when up', () => {
    const first = afterFailover({
      state: initial,
      environment: shopProd(),
      plan: dummyPlan(),
      restoredArns: {},
      now: T0,
      isRegionUp: (r) => r !== 'eu-west-1',
    });
    const second = afterFailover({
      state: first,
      environment: shopProd(),
      plan: dummyPlan({ fromRegion: 'eu-central-1', toRegion: 'eu-north-1' }),
      restoredArns: {},
      now: T0,
      isRegionUp: () => true,
    });
    expect(second).toMatchObject({ activeRegion: 'eu-north-1', protectionRegion: 'eu-central-1' });
  });

  it('after a failback, home again with the resources restored at home', () => {
    const away = {
      ...initial,
      activeRegion: 'eu-central-1',
      protectionRegion: 'eu-west-1',
      resources: { [SHOP_DB]: RESTORED },
    };
    const home = 'arn:aws:rds:eu-west-1:111122223333:db:shop-home';
    expect(
      afterFailback({
        state: away,
        environment: shopProd(),
        restoredArns: { [SHOP_DB]: home },
        now: T0,
      }),
    ).toMatchObject({
      activeRegion: 'eu-west-1',
      protectionRegion: 'eu-central-1',
      resources: { [SHOP_DB]: home, [ORDERS]: ORDERS, [CARTS]: CARTS },
    });
  });

  it('remembers the last drill', () => {
    const op = requestedOp({
      id: 'op-drill',
      kind: 'drill',
      state: 'succeeded',
      finishedAt: '2026-01-01T02:00:00.000Z',
      outcome: { rtoMs: 1000, worstDataLossMs: 2000 },
    });
    expect(afterDrill(initial, op, T0.plus({ hours: 3 })).lastDrill).toEqual({
      operationId: 'op-drill',
      at: '2026-01-01T02:00:00.000Z',
      outcome: 'succeeded',
      rtoMs: 1000,
      worstDataLossMs: 2000,
    });
  });
});
