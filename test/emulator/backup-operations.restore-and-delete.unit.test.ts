import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListCopyJobsCommand,
  ListRestoreJobsByProtectedResourceCommand,
  ListRestoreJobsCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { credentials, startEmulator, type Fixture } from './support/emulator-fixture';

const ROLE = 'arn:aws:iam::111122223333:role/lifeboat-backup';
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const SHOP_DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
const EUC1_KEY = 'arn:aws:kms:eu-central-1:111122223333:key/7f3d9a2b-shop-euc1';

describe('restore, list jobs, delete the restored resource', () => {
  let fixture: Fixture;
  let euc1: BackupClient;
  let euw1: BackupClient;
  let dynamo: DynamoDBClient;
  let rds: RDSClient;

  beforeAll(async () => {
    fixture = await startEmulator();
    const common = { endpoint: fixture.url, credentials, maxAttempts: 1 };
    euc1 = new BackupClient({ ...common, region: 'eu-central-1' });
    euw1 = new BackupClient({ ...common, region: 'eu-west-1' });
    dynamo = new DynamoDBClient({ ...common, region: 'eu-central-1' });
    rds = new RDSClient({ ...common, region: 'eu-central-1' });
  });
  afterAll(async () => {
    for (const client of [euc1, euw1, dynamo, rds]) client.destroy();
    await fixture.running.close();
  });
  beforeEach(() => fixture.emulator.control.reset());

  function seedCopy(resourceArn: string, ageMs = 3_600_000) {
    return fixture.emulator.control.seedRecoveryPoint({
      region: 'eu-central-1',
      vaultName: 'shop-prod-dr',
      resourceArn,
      ageMs,
      sourceBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod',
    });
  }

  async function restore(
    recoveryPointArn: string,
    metadata: Record<string, string>,
    token?: string,
  ) {
    const started = await euc1.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: recoveryPointArn,
        IamRoleArn: ROLE,
        Metadata: metadata,
        ...(token ? { IdempotencyToken: token } : {}),
      }),
    );
    return started.RestoreJobId ?? '';
  }

  async function finished(jobId: string) {
    return fixture.eventually(async () => {
      const job = await euc1.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
      return job.Status === 'COMPLETED' || job.Status === 'FAILED' ? job : undefined;
    });
  }

  it('restores a DynamoDB table in the recovery region, then deletes it', async () => {
    const point = seedCopy(ORDERS);
    const metadata = await euc1.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: 'shop-prod-dr',
        RecoveryPointArn: point.recoveryPointArn,
      }),
    );
    const adapted = {
      ...metadata.RestoreMetadata,
      TargetTableName: 'orders-drill',
      kmsMasterKeyArn: EUC1_KEY,
    };
    const jobId = await restore(point.recoveryPointArn, adapted);
    const first = await euc1.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
    expect(['PENDING', 'RUNNING']).toContain(first.Status);
    const job = await finished(jobId);
    expect(job.Status).toBe('COMPLETED');
    expect(job.CreatedResourceArn).toBe(
      'arn:aws:dynamodb:eu-central-1:111122223333:table/orders-drill',
    );
    expect(job.RecoveryPointCreationDate?.getTime()).toBe(point.createdAtMs);

    const table = await dynamo.send(new DescribeTableCommand({ TableName: 'orders-drill' }));
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    const deleted = await dynamo.send(new DeleteTableCommand({ TableName: 'orders-drill' }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
    await expect(
      dynamo.send(new DeleteTableCommand({ TableName: 'orders-drill' })),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    await fixture.eventually(async () => {
      try {
        await dynamo.send(new DescribeTableCommand({ TableName: 'orders-drill' }));
        return undefined;
      } catch (error) {
        return (error as Error).name === 'ResourceNotFoundException' ? true : undefined;
      }
    });
  });

  it('refuses restore metadata that names another region’s KMS key', async () => {
    const point = seedCopy(ORDERS);
    const metadata = await euc1.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: 'shop-prod-dr',
        RecoveryPointArn: point.recoveryPointArn,
      }),
    );
    await expect(
      restore(point.recoveryPointArn, metadata.RestoreMetadata ?? {}),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('kmsMasterKeyArn') as unknown,
    });
  });

  it('restores an RDS instance and deletes it with DeleteDBInstance', async () => {
    const point = seedCopy(SHOP_DB);
    const jobId = await restore(point.recoveryPointArn, {
      DBInstanceIdentifier: 'shop-drill',
      AvailabilityZone: 'eu-central-1a',
      KmsKeyId: EUC1_KEY,
    });
    const job = await finished(jobId);
    expect(job.CreatedResourceArn).toBe('arn:aws:rds:eu-central-1:111122223333:db:shop-drill');
    const described = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'shop-drill' }),
    );
    expect(described.DBInstances?.[0]?.DBInstanceStatus).toBe('available');
    await expect(
      rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'shop-drill' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
    });
    const deleted = await rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'shop-drill', SkipFinalSnapshot: true }),
    );
    expect(deleted.DBInstance?.DBInstanceStatus).toBe('deleting');
    await fixture.eventually(async () => {
      try {
        await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'shop-drill' }));
        return undefined;
      } catch (error) {
        return (error as Error).name === 'DBInstanceNotFoundFault' ? true : undefined;
      }
    });
  });

  it('fails a restore whose target name already exists', async () => {
    const point = seedCopy(ORDERS);
    const metadata = { TargetTableName: 'orders-drill', kmsMasterKeyArn: EUC1_KEY };
    expect((await finished(await restore(point.recoveryPointArn, metadata))).Status).toBe(
      'COMPLETED',
    );
    const second = await finished(await restore(point.recoveryPointArn, metadata));
    expect(second.Status).toBe('FAILED');
    expect(second.StatusMessage).toContain('already exists');
  });

  it('finds started restore and copy jobs by resource and creation time', async () => {
    const before = new Date(fixture.emulator.nowMs() - 1);
    const point = seedCopy(ORDERS);
    const token = 'restore-orders-1';
    const a = await restore(point.recoveryPointArn, { TargetTableName: 'orders-x' }, token);
    const b = await restore(point.recoveryPointArn, { TargetTableName: 'orders-x' }, token);
    expect(b).toBe(a);
    const byResource = await euc1.send(
      new ListRestoreJobsByProtectedResourceCommand({ ResourceArn: ORDERS }),
    );
    expect(byResource.RestoreJobs?.map((j) => j.RestoreJobId)).toEqual([a]);
    const byTime = await euc1.send(new ListRestoreJobsCommand({ ByCreatedAfter: before }));
    expect(byTime.RestoreJobs).toHaveLength(1);
    const later = await euc1.send(
      new ListRestoreJobsCommand({ ByCreatedAfter: new Date(fixture.emulator.nowMs() + 1000) }),
    );
    expect(later.RestoreJobs).toHaveLength(0);

    const source = fixture.emulator.control.seedRecoveryPoint({
      region: 'eu-west-1',
      vaultName: 'shop-prod',
      resourceArn: ORDERS,
    });
    const copy = await euw1.send(
      new StartCopyJobCommand({
        RecoveryPointArn: source.recoveryPointArn,
        SourceBackupVaultName: 'shop-prod',
        DestinationBackupVaultArn:
          'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
        IamRoleArn: ROLE,
      }),
    );
    const copies = await euw1.send(
      new ListCopyJobsCommand({ ByResourceArn: ORDERS, ByCreatedAfter: before }),
    );
    expect(copies.CopyJobs?.map((j) => j.CopyJobId)).toEqual([copy.CopyJobId]);
    const others = await euw1.send(new ListCopyJobsCommand({ ByResourceArn: SHOP_DB }));
    expect(others.CopyJobs).toHaveLength(0);
  });
});
