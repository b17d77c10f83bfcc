import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { normalizeDnsName } from '../../../src/adapters/aws/dns-name';
import { createRoute53Adapter } from '../../../src/adapters/aws/route53-adapter';
import { TEST_CREDENTIALS } from './support/fake-http-handler';

const route53 = mockClient(Route53Client);
const adapter = () => createRoute53Adapter({ credentials: TEST_CREDENTIALS });

beforeEach(() => route53.reset());

describe('normalizeDnsName', () => {
  it.each([
    ['shop.example.com.', 'shop.example.com'],
    ['shop.example.com', 'shop.example.com'],
    ['Shop.Example.COM.', 'shop.example.com'],
    ['\\052.example.com.', '*.example.com'],
  ])('%s → %s', (input, expected) => expect(normalizeDnsName(input)).toBe(expected));
});

describe('createRoute53Adapter', () => {
  it('always talks to us-east-1', () => {
    const regions: unknown[] = [];
    const port = createRoute53Adapter({
      credentials: TEST_CREDENTIALS,
      createClient: (config) => {
        regions.push(config.region);
        return new Route53Client(config);
      },
    });
    route53
      .on(GetChangeCommand)
      .resolves({ ChangeInfo: { Id: 'c', Status: 'INSYNC', SubmittedAt: new Date() } });
    return port
      .getChange('c')
      .then(() => port.getChange('c'))
      .then(() => expect(regions).toEqual(['us-east-1']));
  });
});

describe('getRecords', () => {
  it('matches the exact name, with or without the trailing dot, and strips it', async () => {
    route53.on(ListResourceRecordSetsCommand, { StartRecordName: 'shop.example.com' }).resolves({
      ResourceRecordSets: [
        {
          Name: 'shop.example.com.',
          Type: 'CNAME',
          TTL: 60,
          ResourceRecords: [{ Value: 'shop-euw1.example.com' }],
        },
        { Name: 'shop.example.com.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=1"' }] },
      ],
      IsTruncated: false,
      MaxItems: 10,
    });
    route53
      .on(ListResourceRecordSetsCommand, { StartRecordName: 'api.shop.example.com' })
      .resolves({
        // Route 53 starts at the name asked for, or the next one when it does not exist.
        ResourceRecordSets: [
          {
            Name: 'www.shop.example.com.',
            Type: 'CNAME',
            TTL: 60,
            ResourceRecords: [{ Value: 'x' }],
          },
        ],
        IsTruncated: false,
        MaxItems: 10,
      });
    const records = await adapter().getRecords('Z0SHOP', [
      { name: 'shop.example.com.', type: 'CNAME' },
      { name: 'api.shop.example.com', type: 'CNAME' },
    ]);
    expect(records).toEqual([
      { name: 'shop.example.com', type: 'CNAME', ttl: 60, values: ['shop-euw1.example.com'] },
    ]);
    expect(route53).toHaveReceivedCommandWith(ListResourceRecordSetsCommand, {
      HostedZoneId: 'Z0SHOP',
      StartRecordName: 'shop.example.com',
      StartRecordType: 'CNAME',
    });
  });

  it('prefers the simple record over weighted sets of the same name', async () => {
    route53.on(ListResourceRecordSetsCommand).resolves({
      ResourceRecordSets: [
        {
          Name: 'a.example.com.',
          Type: 'A',
          SetIdentifier: 'w1',
          Weight: 1,
          TTL: 30,
          ResourceRecords: [{ Value: '1.1.1.1' }],
        },
      ],
      IsTruncated: false,
      MaxItems: 10,
    });
    await expect(
      adapter().getRecords('Z', [{ name: 'a.example.com', type: 'A' }]),
    ).resolves.toEqual([{ name: 'a.example.com', type: 'A', ttl: 30, values: ['1.1.1.1'] }]);
  });
});

describe('upsertRecords and getChange', () => {
  it('sends every record as one batch of UPSERTs and returns the bare change id', async () => {
    route53
      .on(ChangeResourceRecordSetsCommand)
      .resolves({ ChangeInfo: { Id: '/change/C123', Status: 'PENDING', SubmittedAt: new Date() } });
    const result = await adapter().upsertRecords(
      'Z0SHOP',
      [
        { name: 'shop.example.com', type: 'CNAME', ttl: 60, value: 'shop-euc1.example.com' },
        { name: 'api.shop.example.com.', type: 'CNAME', ttl: 60, value: 'api-euc1.example.com' },
      ],
      'failover op-1',
    );
    expect(result).toEqual({ changeId: 'C123' });
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
    expect(route53).toHaveReceivedCommandWith(ChangeResourceRecordSetsCommand, {
      HostedZoneId: 'Z0SHOP',
      ChangeBatch: {
        Comment: 'failover op-1',
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'shop.example.com',
              Type: 'CNAME',
              TTL: 60,
              ResourceRecords: [{ Value: 'shop-euc1.example.com' }],
            },
          },
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'api.shop.example.com',
              Type: 'CNAME',
              TTL: 60,
              ResourceRecords: [{ Value: 'api-euc1.example.com' }],
            },
          },
        ],
      },
    });
  });

  it('refuses an empty batch without calling Route 53', async () => {
    await expect(adapter().upsertRecords('Z', [], 'nothing')).rejects.toMatchObject({
      code: 'aws_validation',
    });
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('maps an InvalidChangeBatch to aws_validation', async () => {
    route53.on(ChangeResourceRecordSetsCommand).rejects(
      Object.assign(new Error('Tried to delete resource record set but it was not found'), {
        name: 'InvalidChangeBatch',
      }),
    );
    await expect(
      adapter().upsertRecords(
        'Z',
        [{ name: 'a.example.com', type: 'A', ttl: 60, value: '1.1.1.1' }],
        'c',
      ),
    ).rejects.toMatchObject({ code: 'aws_validation', retryable: false });
  });

  it.each([
    ['PENDING', 'PENDING'],
    ['INSYNC', 'INSYNC'],
  ] as const)('reports a %s change', async (status, expected) => {
    route53
      .on(GetChangeCommand)
      .resolves({ ChangeInfo: { Id: '/change/C123', Status: status, SubmittedAt: new Date() } });
    await expect(adapter().getChange('/change/C123')).resolves.toEqual({
      changeId: 'C123',
      status: expected,
    });
    expect(route53).toHaveReceivedCommandWith(GetChangeCommand, { Id: 'C123' });
  });

  it('maps NoSuchChange to aws_not_found', async () => {
    route53
      .on(GetChangeCommand)
      .rejects(Object.assign(new Error('no change'), { name: 'NoSuchChange' }));
    await expect(adapter().getChange('C1')).rejects.toMatchObject({ code: 'aws_not_found' });
  });
});

describe('getHealthCheckStatus', () => {
  const observation = (region: string, status: string) => ({
    Region: region as never,
    IPAddress: '10.0.0.1',
    StatusReport: { Status: status, CheckedTime: new Date() },
  });

  it('is healthy when every checker reports success', async () => {
    route53.on(GetHealthCheckStatusCommand).resolves({
      HealthCheckObservations: [
        observation('eu-west-1', 'Success: HTTP Status Code 200, OK'),
        observation('us-east-1', 'Success: HTTP Status Code 200, OK'),
      ],
    });
    await expect(adapter().getHealthCheckStatus('hc-1')).resolves.toEqual({
      healthy: true,
      detail: '2/2 checkers report success',
    });
    expect(route53).toHaveReceivedCommandWith(GetHealthCheckStatusCommand, {
      HealthCheckId: 'hc-1',
    });
  });

  it('is unhealthy when any checker reports a failure, and says which', async () => {
    route53.on(GetHealthCheckStatusCommand).resolves({
      HealthCheckObservations: [
        observation('eu-west-1', 'Success: HTTP Status Code 200, OK'),
        observation('us-west-2', 'Failure: Connection timed out.'),
      ],
    });
    const status = await adapter().getHealthCheckStatus('hc-1');
    expect(status.healthy).toBe(false);
    expect(status.detail).toContain('us-west-2: Failure: Connection timed out.');
  });

  it('is unhealthy when no checker has reported', async () => {
    route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: [] });
    await expect(adapter().getHealthCheckStatus('hc-1')).resolves.toMatchObject({ healthy: false });
  });
});
