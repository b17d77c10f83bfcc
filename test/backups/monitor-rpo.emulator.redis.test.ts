import { monitorRpo } from '../../src/backups/monitor-rpo';
import type { StoredExposure } from '../../src/store/exposure-store';
import { createHarness, type Harness } from '../support/harness';
import {
  backupConfigYaml,
  ORDERS,
  publishedEvents,
  SHOP_DB,
  WIKI,
} from './support/backup-fixtures';

const HOUR_MS = 3_600_000;

describe('RPO monitor against the emulator', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness({
      configYaml: backupConfigYaml(),
      jobMs: 100,
      pollMs: 50,
      name: 'bk-mon',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const seed = (region: string, vault: string, resourceArn: string, ageMs: number) =>
    h.control('POST', '/_sandbox/recovery-points', { region, vault, resourceArn, ageMs });
  const stored = async (env: string) => (await h.deps.exposures.get(env)) as StoredExposure;

  it('reads every page of the vault, then says the protection region is dark when it goes dark', async () => {
    // More points than one page (the emulator pages Backup lists by 3); the newest come last.
    for (const hours of [9, 8, 7, 6, 5])
      await seed('eu-central-1', 'shop-prod-dr', SHOP_DB, hours * HOUR_MS);
    await seed('eu-central-1', 'shop-prod-dr', SHOP_DB, HOUR_MS);
    await seed('eu-central-1', 'shop-prod-dr', ORDERS, 2 * HOUR_MS);
    // A point in the source vault does not protect anything at the recovery region.
    await seed('eu-west-1', 'shop-prod', ORDERS, 0);
    await seed('eu-north-1', 'intranet-dr', WIKI, HOUR_MS);

    await monitorRpo(h.deps);
    const before = await stored('shop-prod');
    expect(before.status).toBe('ok');
    expect(Math.round((before.worstExposureMs ?? 0) / 60_000)).toBe(120);
    expect(before.worstResourceArn).toBe(ORDERS);

    expect((await h.control('POST', '/_sandbox/regions/eu-central-1', { up: false })).status).toBe(
      200,
    );
    const result = await monitorRpo(h.deps);
    expect(result.errors).toEqual({});
    const dark = await stored('shop-prod');
    expect(dark).toMatchObject({ status: 'at-risk', protectionRegionDark: true });
    expect(dark.reason).toContain('protection region eu-central-1 is dark');
    const alerts = (await publishedEvents(h.infra.redis, h.infra.keys.events)).filter(
      (e) => e.type === 'rpo.alert',
    );
    expect(alerts).toMatchObject([{ environment: 'shop-prod', status: 'at-risk' }]);
    expect((await stored('intranet-prod')).status).toBe('ok');

    await h.control('POST', '/_sandbox/regions/eu-central-1', { up: true });
    await monitorRpo(h.deps);
    const events = await publishedEvents(h.infra.redis, h.infra.keys.events);
    expect(events.filter((e) => e.type === 'rpo.recovered')).toMatchObject([
      { environment: 'shop-prod' },
    ]);
  });
});
