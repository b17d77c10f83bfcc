import { createHarness, type Harness } from './harness';

describe('the test harness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ name: 'harness' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('wires the real adapters to the emulator', async () => {
    const points = await h.deps.aws.backup.listRecoveryPoints('eu-central-1', 'shop-prod-dr');
    expect(points).toEqual([]);
    const [record] = await h.deps.aws.dns.getRecords('Z0SHOP', [
      { name: 'shop.example.com', type: 'CNAME' },
    ]);
    expect(record?.values).toEqual(['shop-euw1.example.com']);
    expect((await h.deps.aws.health.getHealthCheckStatus('hc-shop-euc1')).healthy).toBe(true);
  });
});
