import {
  BackupClient,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createBackupAdapter } from '../../../src/adapters/aws/backup-adapter';
import { LifeboatError } from '../../../src/errors';
import { TEST_CREDENTIALS } from './support/fake-http-handler';

const backup = mockClient(BackupClient);
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
const ROLE = 'arn:aws:iam::111122223333:role/lifeboat-backup';
const RP = 'arn:aws:backup:eu-central-1:111122223333:recovery-point:rp-1';
const at = (iso: string) => new Date(iso);

function adapter() {
  return createBackupAdapter({ credentials: TEST_CREDENTIALS });
}

beforeEach(() => backup.reset());

describe('createBackupAdapter', () => {
  it('creates one client per region and reuses it', async () => {
    const configs: string[] = [];
    const port = createBackupAdapter({
      credentials: TEST_CREDENTIALS,
      createClient: (config) => {
        configs.push(String(config.region));
        return new BackupClient(config);
      },
    });
    backup.on(DescribeBackupJobCommand).resolves({ BackupJobId: 'j', State: 'RUNNING' });
    await port.describeBackupJob('eu-west-1', 'j');
    await port.describeBackupJob('eu-west-1', 'j');
    await port.describeBackupJob('eu-central-1', 'j');
    expect(configs).toEqual(['eu-west-1', 'eu-central-1']);
  });

  it('passes retry and timeout settings to each client', () => {
    let seen: Record<string, unknown> = {};
    const port = createBackupAdapter({
      endpoint: 'http://localhost:4566',
      maxAttempts: 5,
      requestTimeoutMs: 2_000,
      createClient: (config) => {
        seen = config as Record<string, unknown>;
        return new BackupClient(config);
      },
    });
    void port.describeBackupJob('eu-west-1', 'j').catch(() => undefined);
    expect(seen).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'http://localhost:4566',
      maxAttempts: 5,
      retryMode: 'standard',
      requestHandler: { requestTimeout: 2_000, throwOnRequestTimeout: true },
    });
  });
});

describe('Start* calls', () => {
  it('passes the idempotency token to StartBackupJob', async () => {
    backup.on(StartBackupJobCommand).resolves({ BackupJobId: 'backup-1' });
    const result = await adapter().startBackupJob('eu-west-1', {
      vaultName: 'shop-prod',
      resourceArn: ORDERS,
      iamRoleArn: ROLE,
      idempotencyToken: 'tok-b',
    });
    expect(result).toEqual({ jobId: 'backup-1' });
    expect(backup).toHaveReceivedCommandWith(StartBackupJobCommand, {
      BackupVaultName: 'shop-prod',
      ResourceArn: ORDERS,
      IamRoleArn: ROLE,
      IdempotencyToken: 'tok-b',
    });
  });

  it('passes the idempotency token to StartCopyJob', async () => {
    backup.on(StartCopyJobCommand).resolves({ CopyJobId: 'copy-1' });
    const result = await adapter().startCopyJob('eu-west-1', {
      sourceVaultName: 'shop-prod',
      recoveryPointArn: RP,
      destinationVaultArn: 'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
      iamRoleArn: ROLE,
      idempotencyToken: 'tok-c',
    });
    expect(result).toEqual({ jobId: 'copy-1' });
    expect(backup).toHaveReceivedCommandWith(StartCopyJobCommand, {
      SourceBackupVaultName: 'shop-prod',
      RecoveryPointArn: RP,
      DestinationBackupVaultArn:
        'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
      IdempotencyToken: 'tok-c',
    });
  });

  it('passes metadata, role, resource type and idempotency token to StartRestoreJob', async () => {
    backup.on(StartRestoreJobCommand).resolves({ RestoreJobId: 'restore-1' });
    const result = await adapter().startRestoreJob('eu-central-1', {
      recoveryPointArn: RP,
      iamRoleArn: ROLE,
      resourceType: 'DynamoDB',
      metadata: { targetTableName: 'orders-restored' },
      idempotencyToken: 'tok-r',
      tags: { 'lifeboat:drill': 'op-1' },
    });
    expect(result).toEqual({ jobId: 'restore-1' });
    expect(backup).toHaveReceivedCommandWith(StartRestoreJobCommand, {
      RecoveryPointArn: RP,
      IamRoleArn: ROLE,
      ResourceType: 'DynamoDB',
      Metadata: { targetTableName: 'orders-restored' },
      IdempotencyToken: 'tok-r',
    });
  });

  it('refuses an answer without a job id', async () => {
    backup.on(StartBackupJobCommand).resolves({});
    await expect(
      adapter().startBackupJob('eu-west-1', {
        vaultName: 'v',
        resourceArn: ORDERS,
        iamRoleArn: ROLE,
        idempotencyToken: 't',
      }),
    ).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('describe* calls', () => {
  it('maps a backup job and its dates to ISO strings', async () => {
    backup.on(DescribeBackupJobCommand).resolves({
      BackupJobId: 'backup-1',
      State: 'COMPLETED',
      ResourceArn: ORDERS,
      RecoveryPointArn: RP,
      CreationDate: at('2025-03-01T10:00:00Z'),
      CompletionDate: at('2025-03-01T10:05:00Z'),
    });
    await expect(adapter().describeBackupJob('eu-west-1', 'backup-1')).resolves.toEqual({
      kind: 'backup',
      jobId: 'backup-1',
      region: 'eu-west-1',
      state: 'COMPLETED',
      resourceArn: ORDERS,
      recoveryPointArn: RP,
      createdAt: '2025-03-01T10:00:00.000Z',
      completedAt: '2025-03-01T10:05:00.000Z',
    });
  });

  it('returns a FAILED copy job with its message instead of throwing', async () => {
    backup.on(DescribeCopyJobCommand).resolves({
      CopyJob: {
        CopyJobId: 'copy-1',
        State: 'FAILED',
        StatusMessage: 'KMS key not accessible',
        SourceRecoveryPointArn: RP,
        CreationDate: at('2025-03-01T10:00:00Z'),
      },
    });
    await expect(adapter().describeCopyJob('eu-west-1', 'copy-1')).resolves.toMatchObject({
      kind: 'copy',
      state: 'FAILED',
      statusMessage: 'KMS key not accessible',
      recoveryPointArn: RP,
    });
  });

  it('maps a restore job with the resource it created', async () => {
    backup.on(DescribeRestoreJobCommand).resolves({
      RestoreJobId: 'restore-1',
      Status: 'COMPLETED',
      SourceResourceArn: ORDERS,
      CreatedResourceArn: 'arn:aws:dynamodb:eu-central-1:111122223333:table/orders-restored',
      RecoveryPointArn: RP,
      CreationDate: at('2025-03-01T10:00:00Z'),
    });
    await expect(adapter().describeRestoreJob('eu-central-1', 'restore-1')).resolves.toMatchObject({
      kind: 'restore',
      state: 'COMPLETED',
      region: 'eu-central-1',
      resourceArn: ORDERS,
      createdResourceArn: 'arn:aws:dynamodb:eu-central-1:111122223333:table/orders-restored',
    });
  });

  it('treats an unknown state as still running', async () => {
    backup
      .on(DescribeRestoreJobCommand)
      .resolves({ RestoreJobId: 'r', Status: 'SOMETHING_NEW' as never });
    await expect(adapter().describeRestoreJob('eu-central-1', 'r')).resolves.toMatchObject({
      state: 'RUNNING',
    });
  });

  it('maps an SDK error to a LifeboatError naming the action', async () => {
    backup.on(DescribeBackupJobCommand).rejects(
      Object.assign(new Error('not authorized'), {
        name: 'AccessDeniedException',
        $metadata: {},
      }),
    );
    const error: unknown = await adapter()
      .describeBackupJob('eu-west-1', 'backup-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifeboatError);
    expect(error).toMatchObject({ code: 'aws_access_denied' });
    expect((error as Error).message).toContain('needs backup:DescribeBackupJob');
    expect(backup).toHaveReceivedCommandTimes(DescribeBackupJobCommand, 1);
  });
});

describe('listRecoveryPoints', () => {
  it('gathers every page and filters on the server', async () => {
    backup
      .on(ListRecoveryPointsByBackupVaultCommand)
      .resolvesOnce({
        RecoveryPoints: [
          {
            RecoveryPointArn: 'rp-1',
            Status: 'COMPLETED',
            CreationDate: at('2025-03-01T00:00:00Z'),
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        RecoveryPoints: [
          {
            RecoveryPointArn: 'rp-2',
            Status: 'COMPLETED',
            CreationDate: at('2025-03-02T00:00:00Z'),
          },
        ],
        NextToken: 'page-3',
      })
      .resolvesOnce({
        RecoveryPoints: [
          { RecoveryPointArn: 'rp-3', Status: 'PARTIAL', CreationDate: at('2025-03-03T00:00:00Z') },
        ],
      });
    const points = await adapter().listRecoveryPoints('eu-central-1', 'shop-prod-dr', {
      resourceArn: ORDERS,
      createdAfter: '2025-02-28T00:00:00.000Z',
    });
    expect(points.map((p) => p.recoveryPointArn)).toEqual(['rp-1', 'rp-2', 'rp-3']);
    expect(backup).toHaveReceivedCommandTimes(ListRecoveryPointsByBackupVaultCommand, 3);
    expect(backup).toHaveReceivedNthSpecificCommandWith(1, ListRecoveryPointsByBackupVaultCommand, {
      BackupVaultName: 'shop-prod-dr',
      ByResourceArn: ORDERS,
      ByCreatedAfter: at('2025-02-28T00:00:00Z'),
    });
    expect(backup).toHaveReceivedNthSpecificCommandWith(3, ListRecoveryPointsByBackupVaultCommand, {
      NextToken: 'page-3',
    });
  });

  it('keeps the source creation date of a copy and maps its fields', async () => {
    backup.on(ListRecoveryPointsByBackupVaultCommand).resolves({
      RecoveryPoints: [
        {
          RecoveryPointArn: RP,
          ResourceArn: ORDERS,
          ResourceType: 'DynamoDB',
          BackupVaultName: 'shop-prod-dr',
          Status: 'COMPLETED',
          CreationDate: at('2025-03-01T10:00:00Z'),
          CompletionDate: at('2025-03-01T11:00:00Z'),
          EncryptionKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/k',
          SourceBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod',
        },
      ],
    });
    await expect(adapter().listRecoveryPoints('eu-central-1', 'shop-prod-dr')).resolves.toEqual([
      {
        recoveryPointArn: RP,
        resourceArn: ORDERS,
        resourceType: 'DynamoDB',
        region: 'eu-central-1',
        vaultName: 'shop-prod-dr',
        createdAt: '2025-03-01T10:00:00.000Z',
        completedAt: '2025-03-01T11:00:00.000Z',
        status: 'COMPLETED',
        encryptionKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/k',
        sourceBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod',
      },
    ]);
    expect(backup).toHaveReceivedCommandWith(ListRecoveryPointsByBackupVaultCommand, {
      BackupVaultName: 'shop-prod-dr',
    });
  });

  it('leaves out points still being created', async () => {
    backup.on(ListRecoveryPointsByBackupVaultCommand).resolves({
      RecoveryPoints: [
        {
          RecoveryPointArn: 'rp-creating',
          Status: 'CREATING',
          CreationDate: at('2025-03-01T00:00:00Z'),
        },
        {
          RecoveryPointArn: 'rp-available',
          Status: 'AVAILABLE',
          CreationDate: at('2025-03-01T00:00:00Z'),
        },
      ],
    });
    const points = await adapter().listRecoveryPoints('eu-central-1', 'v');
    expect(points.map((p) => [p.recoveryPointArn, p.status])).toEqual([
      ['rp-available', 'COMPLETED'],
    ]);
  });
});

describe('restore metadata and job lists', () => {
  it('returns the restore metadata', async () => {
    backup
      .on(GetRecoveryPointRestoreMetadataCommand)
      .resolves({ RestoreMetadata: { targetTableName: 'orders' } });
    await expect(adapter().getRestoreMetadata('eu-central-1', 'shop-prod-dr', RP)).resolves.toEqual(
      {
        targetTableName: 'orders',
      },
    );
    expect(backup).toHaveReceivedCommandWith(GetRecoveryPointRestoreMetadataCommand, {
      BackupVaultName: 'shop-prod-dr',
      RecoveryPointArn: RP,
    });
  });

  it('lists restore jobs of every page, matching the source resource here', async () => {
    backup
      .on(ListRestoreJobsCommand)
      .resolvesOnce({
        RestoreJobs: [{ RestoreJobId: 'r1', SourceResourceArn: ORDERS, Status: 'RUNNING' }],
        NextToken: 'n',
      })
      .resolvesOnce({
        RestoreJobs: [{ RestoreJobId: 'r2', SourceResourceArn: 'other', Status: 'RUNNING' }],
        NextToken: 'm',
      })
      .resolvesOnce({
        RestoreJobs: [{ RestoreJobId: 'r3', SourceResourceArn: ORDERS, Status: 'COMPLETED' }],
      });
    const jobs = await adapter().listRestoreJobs('eu-central-1', {
      resourceArn: ORDERS,
      createdAfter: '2025-03-01T00:00:00.000Z',
    });
    expect(jobs.map((j) => j.jobId)).toEqual(['r1', 'r3']);
    expect(backup).toHaveReceivedCommandTimes(ListRestoreJobsCommand, 3);
    expect(backup).toHaveReceivedNthSpecificCommandWith(1, ListRestoreJobsCommand, {
      ByCreatedAfter: at('2025-03-01T00:00:00Z'),
    });
  });

  it('lists backup jobs of every page with server-side filters', async () => {
    backup
      .on(ListBackupJobsCommand)
      .resolvesOnce({ BackupJobs: [{ BackupJobId: 'b1', State: 'RUNNING' }], NextToken: 'n' })
      .resolvesOnce({ BackupJobs: [{ BackupJobId: 'b2', State: 'COMPLETED' }] });
    const jobs = await adapter().listBackupJobs('eu-west-1', {
      resourceArn: ORDERS,
      vaultName: 'shop-prod',
      createdAfter: '2025-03-01T00:00:00Z',
    });
    expect(jobs.map((j) => [j.kind, j.jobId, j.state])).toEqual([
      ['backup', 'b1', 'RUNNING'],
      ['backup', 'b2', 'COMPLETED'],
    ]);
    expect(backup).toHaveReceivedCommandTimes(ListBackupJobsCommand, 2);
    expect(backup).toHaveReceivedNthSpecificCommandWith(1, ListBackupJobsCommand, {
      ByResourceArn: ORDERS,
      ByBackupVaultName: 'shop-prod',
      ByCreatedAfter: at('2025-03-01T00:00:00Z'),
    });
  });

  it('lists copy jobs of every page with server-side filters', async () => {
    backup
      .on(ListCopyJobsCommand)
      .resolvesOnce({ CopyJobs: [{ CopyJobId: 'c1', State: 'CREATED' }], NextToken: 'n' })
      .resolvesOnce({ CopyJobs: [{ CopyJobId: 'c2', State: 'COMPLETED' }], NextToken: 'm' })
      .resolvesOnce({ CopyJobs: [{ CopyJobId: 'c3', State: 'FAILED' }] });
    const jobs = await adapter().listCopyJobs('eu-west-1', { resourceArn: ORDERS });
    expect(jobs.map((j) => [j.jobId, j.state])).toEqual([
      ['c1', 'CREATED'],
      ['c2', 'COMPLETED'],
      ['c3', 'FAILED'],
    ]);
    expect(backup).toHaveReceivedNthSpecificCommandWith(1, ListCopyJobsCommand, {
      ByResourceArn: ORDERS,
    });
  });
});
