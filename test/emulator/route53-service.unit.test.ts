import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { credentials, startEmulator, type Fixture } from './support/emulator-fixture';

const cname = (name: string, value: string, ttl = 60) => ({
  Name: name,
  Type: 'CNAME' as const,
  TTL: ttl,
  ResourceRecords: [{ Value: value }],
});

describe('Route 53 over restXml', () => {
  let fixture: Fixture;
  let route53: Route53Client;

  beforeAll(async () => {
    fixture = await startEmulator();
    route53 = new Route53Client({
      endpoint: fixture.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    route53.destroy();
    await fixture.running.close();
  });
  beforeEach(() => fixture.emulator.control.reset());

  async function current(name: string) {
    const listed = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: 'Z0SHOP',
        StartRecordName: name,
        StartRecordType: 'CNAME',
        MaxItems: 1,
      }),
    );
    return listed.ResourceRecordSets?.[0];
  }

  it('lists the seeded records pointing at the primary region, in Route 53 order (labels reversed)', async () => {
    const listed = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: '/hostedzone/Z0SHOP' }),
    );
    expect(listed.IsTruncated).toBe(false);
    expect(
      listed.ResourceRecordSets?.map((r) => [r.Name, r.Type, r.TTL, r.ResourceRecords?.[0]?.Value]),
    ).toEqual([
      ['shop.example.com.', 'CNAME', 60, 'shop-euw1.example.com'],
      ['api.shop.example.com.', 'CNAME', 60, 'api-euw1.example.com'],
    ]);
    const page = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0SHOP', MaxItems: 1 }),
    );
    expect(page.IsTruncated).toBe(true);
    expect(page.NextRecordName).toBe('api.shop.example.com.');
    expect(page.NextRecordType).toBe('CNAME');
  });

  it('UPSERTs: PENDING, then INSYNC after jobMs, and the new value is listed', async () => {
    const changed = await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: 'Z0SHOP',
        ChangeBatch: {
          Comment: 'failover shop-prod to eu-central-1',
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: cname('shop.example.com', 'shop-euc1.example.com'),
            },
          ],
        },
      }),
    );
    expect(changed.ChangeInfo?.Status).toBe('PENDING');
    expect(changed.ChangeInfo?.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    expect(changed.ChangeInfo?.SubmittedAt).toBeInstanceOf(Date);
    expect((await current('shop.example.com'))?.ResourceRecords?.[0]?.Value).toBe(
      'shop-euc1.example.com',
    );
    const insync = await fixture.eventually(async () => {
      const change = await route53.send(new GetChangeCommand({ Id: changed.ChangeInfo?.Id }));
      return change.ChangeInfo?.Status === 'INSYNC' ? change : undefined;
    });
    expect(insync.ChangeInfo?.Comment).toBe('failover shop-prod to eu-central-1');
  });

  it('DELETE + CREATE is a compare-and-swap: it fails with InvalidChangeBatch when the record differs', async () => {
    const swap = (expected: string, next: string) =>
      route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: 'Z0SHOP',
          ChangeBatch: {
            Changes: [
              { Action: 'DELETE', ResourceRecordSet: cname('shop.example.com', expected) },
              { Action: 'CREATE', ResourceRecordSet: cname('shop.example.com', next) },
            ],
          },
        }),
      );
    await expect(swap('shop-eun1.example.com', 'shop-euc1.example.com')).rejects.toMatchObject({
      name: 'InvalidChangeBatch',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('do not match the current values') as unknown,
    });
    expect((await current('shop.example.com'))?.ResourceRecords?.[0]?.Value).toBe(
      'shop-euw1.example.com',
    );
    await swap('shop-euw1.example.com', 'shop-euc1.example.com');
    expect((await current('shop.example.com'))?.ResourceRecords?.[0]?.Value).toBe(
      'shop-euc1.example.com',
    );
    const changeOne = (action: 'CREATE' | 'DELETE', name: string) =>
      route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: 'Z0SHOP',
          ChangeBatch: {
            Changes: [{ Action: action, ResourceRecordSet: cname(name, 'x.example.com') }],
          },
        }),
      );
    await expect(changeOne('CREATE', 'shop.example.com')).rejects.toMatchObject({
      name: 'InvalidChangeBatch',
      message: expect.stringContaining('already exists') as unknown,
    });
    await expect(changeOne('DELETE', 'nope.example.com')).rejects.toMatchObject({
      name: 'InvalidChangeBatch',
      message: expect.stringContaining('was not found') as unknown,
    });
  });

  it('answers unknown zones, changes and health checks with their NoSuch… errors', async () => {
    await expect(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'ZNOPE' })),
    ).rejects.toMatchObject({
      name: 'NoSuchHostedZone',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(route53.send(new GetChangeCommand({ Id: 'CNOPE' }))).rejects.toMatchObject({
      name: 'NoSuchChange',
    });
    await expect(
      route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: 'hc-nope' })),
    ).rejects.toMatchObject({
      name: 'NoSuchHealthCheck',
    });
  });

  it('reports health checks healthy, and unhealthy when their region is dark or forced', async () => {
    const status = async (id: string) =>
      (await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })))
        .HealthCheckObservations ?? [];
    const healthy = await status('hc-shop-euw1');
    expect(healthy.length).toBeGreaterThanOrEqual(3);
    expect(
      healthy.every((o) => o.StatusReport?.Status === 'Success: HTTP Status Code 200, OK'),
    ).toBe(true);
    expect(healthy[0]?.StatusReport?.CheckedTime).toBeInstanceOf(Date);

    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: false });
    const dark = await status('hc-shop-euw1');
    expect(dark.every((o) => o.StatusReport?.Status?.startsWith('Failure:'))).toBe(true);
    expect((await status('hc-shop-euc1'))[0]?.StatusReport?.Status).toMatch(/^Success/);

    await fixture.control('POST', '/_sandbox/health-checks/hc-shop-euc1', { healthy: false });
    expect((await status('hc-shop-euc1'))[0]?.StatusReport?.Status).toMatch(/^Failure/);
    await fixture.control('POST', '/_sandbox/health-checks/hc-shop-euc1', { healthy: null });
    expect((await status('hc-shop-euc1'))[0]?.StatusReport?.Status).toMatch(/^Success/);
  });
});
