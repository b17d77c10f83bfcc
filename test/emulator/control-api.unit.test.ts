import {
  BackupClient,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  DescribeRestoreJobCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import type { CallJson } from '../../src/emulator/emulator-state';
import { credentials, JOB_MS, startEmulator, type Fixture } from './support/emulator-fixture';

const ROLE = 'arn:aws:iam::111122223333:role/lifeboat-backup';
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const EUC1_KEY = 'arn:aws:kms:eu-central-1:111122223333:key/7f3d9a2b-shop-euc1';

interface StateJson {
  regions: Record<string, { up: boolean }>;
  vaults: { region: string; name: string; encryptionKeyArn: string }[];
  recoveryPoints: { region: string; vaultName: string; resourceArn: string; createdAt: string }[];
  backupJobs: { jobId: string; region: string; state: string }[];
  copyJobs: { jobId: string; region: string; state: string }[];
  restoreJobs: { jobId: string; region: string; state: string; statusMessage?: string }[];
  hostedZones: Record<string, { records: { name: string; values: string[] }[] }>;
  healthChecks: Record<string, { region: string; healthy: boolean }>;
}

describe('faults, outages and the control API', () => {
  let fixture: Fixture;
  let euw1: BackupClient;
  let euc1: BackupClient;
  let route53: Route53Client;

  beforeAll(async () => {
    fixture = await startEmulator();
    const common = { endpoint: fixture.url, credentials, maxAttempts: 1 };
    euw1 = new BackupClient({ ...common, region: 'eu-west-1' });
    euc1 = new BackupClient({ ...common, region: 'eu-central-1' });
    route53 = new Route53Client({ ...common, region: 'us-east-1' });
  });
  afterAll(async () => {
    for (const client of [euw1, euc1, route53]) client.destroy();
    await fixture.running.close();
  });
  beforeEach(async () => {
    expect((await fixture.control('POST', '/_sandbox/reset')).status).toBe(200);
  });

  const state = async () => (await fixture.control('GET', '/_sandbox/state')).json as StateJson;
  const startBackup = async (client = euw1) =>
    (
      await client.send(
        new StartBackupJobCommand({
          BackupVaultName: 'shop-prod',
          ResourceArn: ORDERS,
          IamRoleArn: ROLE,
        }),
      )
    ).BackupJobId ?? '';
  const backupState = async (jobId: string) =>
    (await euw1.send(new DescribeBackupJobCommand({ BackupJobId: jobId }))).State;

  it('seeds every region, vault (with its key), hosted zone and health check from the configuration', async () => {
    const s = await state();
    expect(Object.keys(s.regions).sort()).toEqual([
      'eu-central-1',
      'eu-north-1',
      'eu-west-1',
      'us-east-1',
      'us-west-2',
    ]);
    expect(Object.values(s.regions).every((r) => r.up)).toBe(true);
    expect(s.vaults).toContainEqual(
      expect.objectContaining({
        region: 'eu-central-1',
        name: 'shop-prod-dr',
        encryptionKeyArn: EUC1_KEY,
      }),
    );
    const intranet = s.vaults.find((v) => v.region === 'eu-west-1' && v.name === 'intranet');
    expect(intranet?.encryptionKeyArn).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);
    expect(s.recoveryPoints).toEqual([]);
    expect(s.hostedZones['Z0PAY']?.records).toEqual([
      { name: 'pay.example.com.', type: 'CNAME', ttl: 30, values: ['pay-use1.example.com'] },
    ]);
    expect(s.healthChecks['hc-pay-usw2']).toMatchObject({ region: 'us-west-2', healthy: true });
  });

  it('a dark region fails its calls with 503, freezes its jobs, and resumes them when it comes back', async () => {
    const jobId = await startBackup();
    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: false });
    await expect(
      euw1.send(new DescribeBackupJobCommand({ BackupJobId: jobId })),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
      $metadata: { httpStatusCode: 503 },
    });
    await expect(
      euc1.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'shop-prod-dr' })),
    ).resolves.toBeDefined();
    await fixture.advance(JOB_MS * 3);
    expect((await state()).backupJobs[0]?.state).not.toBe('COMPLETED');
    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: true });
    expect(await backupState(jobId)).not.toBe('COMPLETED');
    await fixture.advance(JOB_MS * 2);
    expect(await backupState(jobId)).toBe('COMPLETED');
  });

  it('a copy does not complete while its destination region is dark', async () => {
    const point = fixture.emulator.control.seedRecoveryPoint({
      region: 'eu-west-1',
      vaultName: 'shop-prod',
      resourceArn: ORDERS,
    });
    await fixture.control('POST', '/_sandbox/regions/eu-central-1', { up: false });
    const copy = await euw1.send(
      new StartCopyJobCommand({
        RecoveryPointArn: point.recoveryPointArn,
        SourceBackupVaultName: 'shop-prod',
        DestinationBackupVaultArn:
          'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
        IamRoleArn: ROLE,
      }),
    );
    await fixture.advance(JOB_MS * 2);
    expect(
      (await euw1.send(new DescribeCopyJobCommand({ CopyJobId: copy.CopyJobId }))).CopyJob?.State,
    ).toBe('CREATED');
  });

  it('a region can hang instead of failing fast, until the client times out', async () => {
    const slow = new BackupClient({
      endpoint: fixture.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
    });
    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: false, outage: 'hang' });
    const started = Date.now();
    await expect(
      slow.send(new DescribeBackupJobCommand({ BackupJobId: 'x' })),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    slow.destroy();
  });

  it('throttles and fails at the configured rates, AWS-style per service', async () => {
    await fixture.control('POST', '/_sandbox/faults', { throttleRate: 1 });
    await expect(startBackup()).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0SHOP' })),
    ).rejects.toMatchObject({
      name: 'Throttling',
    });
    await fixture.control('POST', '/_sandbox/faults', { throttleRate: 0, errorRate: 1 });
    await expect(startBackup()).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
      $fault: 'server',
    });
    await fixture.control('POST', '/_sandbox/faults', { errorRate: 0, latencyMs: 60 });
    const started = Date.now();
    await startBackup();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const bad = await fixture.control('POST', '/_sandbox/faults', { throttleRate: 2 });
    expect(bad.status).toBe(400);
  });

  it('denies named operations the way IAM does', async () => {
    await fixture.control('POST', '/_sandbox/faults', {
      denyOperations: ['backup:StartBackupJob'],
    });
    await expect(startBackup()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining('backup:StartBackupJob') as unknown,
    });
    await expect(
      euw1.send(new DescribeBackupJobCommand({ BackupJobId: 'x' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('Route 53 control plane can be taken down on its own', async () => {
    await fixture.control('POST', '/_sandbox/faults', { route53Up: false });
    await expect(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0SHOP' })),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
  });

  it('fails jobs on request: by rate, or the next one for a resource with a message, or stuck', async () => {
    const point = fixture.emulator.control.seedRecoveryPoint({
      region: 'eu-central-1',
      vaultName: 'shop-prod-dr',
      resourceArn: ORDERS,
    });
    await fixture.control('POST', '/_sandbox/faults', {
      failNext: [
        { kind: 'restore', resourceArn: ORDERS, message: 'Insufficient capacity in eu-central-1a' },
      ],
    });
    const restore = async () =>
      (
        await euc1.send(
          new StartRestoreJobCommand({
            RecoveryPointArn: point.recoveryPointArn,
            IamRoleArn: ROLE,
            Metadata: { TargetTableName: `orders-${Date.now()}`, kmsMasterKeyArn: EUC1_KEY },
          }),
        )
      ).RestoreJobId;
    const failing = await restore();
    const ok = await restore();
    await fixture.advance(JOB_MS * 1.5);
    const failed = await euc1.send(new DescribeRestoreJobCommand({ RestoreJobId: failing }));
    expect(failed).toMatchObject({
      Status: 'FAILED',
      StatusMessage: 'Insufficient capacity in eu-central-1a',
    });
    expect((await euc1.send(new DescribeRestoreJobCommand({ RestoreJobId: ok }))).Status).toBe(
      'COMPLETED',
    );

    await fixture.control('POST', '/_sandbox/faults', { failJobs: { backup: 1 } });
    const doomed = await startBackup();
    await fixture.control('POST', '/_sandbox/faults', {
      failJobs: { backup: 0 },
      failNext: [{ kind: 'backup', stuck: true }],
    });
    const stuck = await startBackup();
    await fixture.advance(JOB_MS * 1.5);
    expect(await backupState(doomed)).toBe('FAILED');
    expect(await backupState(stuck)).toBe('CREATED');
  });

  it('moves the clock: jobs complete and recovery points age', async () => {
    const slowFixture = await startEmulator({ jobMs: 3_600_000 });
    try {
      const client = new BackupClient({
        endpoint: slowFixture.url,
        region: 'eu-west-1',
        credentials,
        maxAttempts: 1,
      });
      const seeded = await slowFixture.control('POST', '/_sandbox/recovery-points', {
        region: 'eu-west-1',
        vault: 'shop-prod',
        resourceArn: ORDERS,
        createdAt: '2020-01-01T00:00:00.000Z',
      });
      expect(seeded.status).toBe(200);
      const jobId = await startBackup(client);
      expect((await client.send(new DescribeBackupJobCommand({ BackupJobId: jobId }))).State).toBe(
        'CREATED',
      );
      const moved = await slowFixture.control('POST', '/_sandbox/clock', { advanceMs: 3_600_000 });
      expect((moved.json as { offsetMs: number }).offsetMs).toBe(3_600_000);
      expect((await client.send(new DescribeBackupJobCommand({ BackupJobId: jobId }))).State).toBe(
        'COMPLETED',
      );
      const points = await client.send(
        new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'shop-prod' }),
      );
      expect(points.RecoveryPoints?.map((p) => p.CreationDate?.toISOString())).toContain(
        '2020-01-01T00:00:00.000Z',
      );
      expect(points.RecoveryPoints).toHaveLength(2);
      client.destroy();
    } finally {
      await slowFixture.running.close();
    }
  });

  it('logs every call with its operation, region and outcome', async () => {
    await startBackup();
    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: false });
    await expect(startBackup()).rejects.toBeDefined();
    await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0SHOP' }));
    const { json } = await fixture.control('GET', '/_sandbox/calls');
    const calls = (json as { calls: CallJson[] }).calls;
    expect(calls.map((c) => [c.service, c.operation, c.region, c.status])).toEqual([
      ['backup', 'StartBackupJob', 'eu-west-1', 200],
      ['backup', 'StartBackupJob', 'eu-west-1', 503],
      ['route53', 'ListResourceRecordSets', 'us-east-1', 200],
    ]);
    expect(calls[0]?.resourceArn).toBe(ORDERS);
    expect(calls[1]?.errorCode).toBe('ServiceUnavailableException');
    const filtered = await fixture.control(
      'GET',
      '/_sandbox/calls?operation=StartBackupJob&region=eu-west-1',
    );
    expect((filtered.json as { calls: CallJson[] }).calls).toHaveLength(2);
    await fixture.control('DELETE', '/_sandbox/calls');
    expect(
      ((await fixture.control('GET', '/_sandbox/calls')).json as { calls: CallJson[] }).calls,
    ).toEqual([]);
  });

  it('reset brings back the seeded world', async () => {
    await startBackup();
    await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: false });
    await fixture.control('POST', '/_sandbox/faults', { throttleRate: 0.5 });
    await fixture.control('POST', '/_sandbox/reset');
    const s = await state();
    expect(s.regions['eu-west-1']?.up).toBe(true);
    expect(s.backupJobs).toEqual([]);
    expect(
      ((await fixture.control('GET', '/_sandbox/faults')).json as { throttleRate: number })
        .throttleRate,
    ).toBe(0);
  });

  it('answers unknown control endpoints and bad bodies with clear 4xx', async () => {
    expect((await fixture.control('GET', '/_sandbox/nope')).status).toBe(404);
    const bad = await fixture.control('POST', '/_sandbox/regions/eu-west-1', { up: 'no' });
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toContain('up');
  });

  it('takes object property names for nothing: no region, health check or service by that name', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const region = await fixture.control('POST', `/_sandbox/regions/${name}`, { up: false });
      expect(region.status).toBe(400);
      expect((region.json as { message: string }).message).toContain('not an AWS region');
      const check = await fixture.control('POST', `/_sandbox/health-checks/${name}`, {
        healthy: false,
      });
      expect(check.status).toBe(404);
    }
    // Nothing leaked onto every object.
    expect(({} as { up?: unknown }).up).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('darkIntervals');
    const state = (await fixture.control('GET', '/_sandbox/state')).json as StateJson;
    expect(Object.keys(state.regions)).not.toContain('__proto__');
    // A request scoped to a region or service of that name is an AWS error, not a crash.
    const scoped = await fetch(`${fixture.url}/`, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260301/constructor/constructor/aws4_request, SignedHeaders=host, Signature=0',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(scoped.status).toBeGreaterThanOrEqual(400);
    expect(scoped.status).toBeLessThan(500);
  });
});
