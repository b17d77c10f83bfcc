import {
  BackupClient,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  paginateListRecoveryPointsByBackupVault,
} from '@aws-sdk/client-backup';
import { credentials, startEmulator, type Fixture } from './support/emulator-fixture';

const ROLE = 'arn:aws:iam::111122223333:role/lifeboat-backup';
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const SHOP_DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';

describe('AWS Backup over restJson1', () => {
  let fixture: Fixture;
  let euw1: BackupClient;
  let euc1: BackupClient;

  beforeAll(async () => {
    fixture = await startEmulator();
    euw1 = new BackupClient({
      endpoint: fixture.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    euc1 = new BackupClient({
      endpoint: fixture.url,
      region: 'eu-central-1',
      credentials,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    euw1.destroy();
    euc1.destroy();
    await fixture.running.close();
  });
  beforeEach(() => fixture.emulator.control.reset());

  async function backup(resourceArn: string): Promise<string> {
    const started = await euw1.send(
      new StartBackupJobCommand({
        BackupVaultName: 'shop-prod',
        ResourceArn: resourceArn,
        IamRoleArn: ROLE,
      }),
    );
    const jobId = started.BackupJobId ?? '';
    const done = await fixture.eventually(async () => {
      const job = await euw1.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
      return job.State === 'COMPLETED' ? job : undefined;
    });
    return done.RecoveryPointArn ?? '';
  }

  it('backs up, then copies to the recovery vault keeping the source creation date', async () => {
    const started = await euw1.send(
      new StartBackupJobCommand({
        BackupVaultName: 'shop-prod',
        ResourceArn: ORDERS,
        IamRoleArn: ROLE,
      }),
    );
    expect(started.BackupJobId).toBeDefined();
    expect(started.CreationDate).toBeInstanceOf(Date);
    const first = await euw1.send(
      new DescribeBackupJobCommand({ BackupJobId: started.BackupJobId }),
    );
    expect(['CREATED', 'RUNNING']).toContain(first.State);
    const job = await fixture.eventually(async () => {
      const j = await euw1.send(new DescribeBackupJobCommand({ BackupJobId: started.BackupJobId }));
      return j.State === 'COMPLETED' ? j : undefined;
    });
    expect(job.EncryptionKeyArn).toBe('arn:aws:kms:eu-west-1:111122223333:key/0b6a1c4e-shop-euw1');
    const source = await euw1.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: 'shop-prod',
        ByResourceArn: ORDERS,
      }),
    );
    const point = source.RecoveryPoints?.[0];
    expect(point?.RecoveryPointArn).toBe(job.RecoveryPointArn);
    expect(point?.CreationDate?.getTime()).toBe(started.CreationDate?.getTime());

    const copy = await euw1.send(
      new StartCopyJobCommand({
        RecoveryPointArn: job.RecoveryPointArn,
        SourceBackupVaultName: 'shop-prod',
        DestinationBackupVaultArn:
          'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
        IamRoleArn: ROLE,
      }),
    );
    const copied = await fixture.eventually(async () => {
      const c = await euw1.send(new DescribeCopyJobCommand({ CopyJobId: copy.CopyJobId }));
      return c.CopyJob?.State === 'COMPLETED' ? c.CopyJob : undefined;
    });
    const destination = await euc1.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'shop-prod-dr' }),
    );
    const copyPoint = destination.RecoveryPoints?.[0];
    expect(copyPoint?.RecoveryPointArn).toBe(copied.DestinationRecoveryPointArn);
    expect(copyPoint?.ResourceArn).toBe(ORDERS);
    expect(copyPoint?.CreationDate?.getTime()).toBe(started.CreationDate?.getTime());
    expect(copyPoint?.EncryptionKeyArn).toBe(
      'arn:aws:kms:eu-central-1:111122223333:key/7f3d9a2b-shop-euc1',
    );
    expect(copyPoint?.SourceBackupVaultArn).toBe(
      'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod',
    );

    const metadata = await euc1.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: 'shop-prod-dr',
        RecoveryPointArn: copyPoint?.RecoveryPointArn,
      }),
    );
    expect(metadata.RestoreMetadata?.['TargetTableName']).toBe('orders');
    expect(metadata.ResourceType).toBe('DynamoDB');
  });

  it('pages ListRecoveryPointsByBackupVault and filters by resource and creation time', async () => {
    for (let i = 0; i < 4; i += 1) await backup(SHOP_DB);
    await backup(ORDERS);
    const firstPage = await euw1.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'shop-prod' }),
    );
    expect(firstPage.RecoveryPoints).toHaveLength(3);
    expect(firstPage.NextToken).toBeDefined();
    const all = [];
    for await (const page of paginateListRecoveryPointsByBackupVault(
      { client: euw1 },
      { BackupVaultName: 'shop-prod', ByResourceArn: SHOP_DB },
    )) {
      all.push(...(page.RecoveryPoints ?? []));
    }
    expect(all).toHaveLength(4);
    expect(all.every((p) => p.ResourceArn === SHOP_DB)).toBe(true);
    const newest = all[0]?.CreationDate ?? new Date(0);
    const after = await euw1.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: 'shop-prod',
        ByResourceArn: SHOP_DB,
        ByCreatedAfter: new Date(newest.getTime() - 1),
      }),
    );
    expect(after.RecoveryPoints).toHaveLength(1);
  });

  it('returns the same job for the same idempotency token', async () => {
    const input = {
      BackupVaultName: 'shop-prod',
      ResourceArn: ORDERS,
      IamRoleArn: ROLE,
      IdempotencyToken: 'tok-1',
    };
    const a = await euw1.send(new StartBackupJobCommand(input));
    const b = await euw1.send(new StartBackupJobCommand(input));
    const c = await euw1.send(new StartBackupJobCommand({ ...input, IdempotencyToken: 'tok-2' }));
    expect(b.BackupJobId).toBe(a.BackupJobId);
    expect(c.BackupJobId).not.toBe(a.BackupJobId);
  });

  it('answers unknown jobs and vaults with ResourceNotFoundException', async () => {
    await expect(
      euw1.send(new DescribeBackupJobCommand({ BackupJobId: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      euw1.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'no-such-vault' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
