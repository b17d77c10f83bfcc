import {
  BackupClient,
  type BackupClientConfig,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  paginateListBackupJobs,
  paginateListCopyJobs,
  paginateListRecoveryPointsByBackupVault,
  paginateListRestoreJobs,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import type { AwsJob, RecoveryPoint } from '../../core/types';
import { ErrorCode, LifeboatError } from '../../errors';
import type { BackupPort } from '../../ports/backup-port';
import { awsClientConfig, type AwsClientOptions } from './aws-client-options';
import { type AwsCallContext, toLifeboatError } from './aws-error';
import { backupJobFrom, copyJobFrom, recoveryPointFrom, restoreJobFrom } from './backup-mappers';
import { regionClientCache } from './region-client-cache';

export interface BackupAdapterOptions extends AwsClientOptions {
  /** Builds the client of one region; tests hand in their own. */
  createClient?: (config: BackupClientConfig) => BackupClient;
}

/** BackupPort on AWS Backup, one cached client per region. */
export function createBackupAdapter(options: BackupAdapterOptions = {}): BackupPort {
  const create = options.createClient ?? ((config: BackupClientConfig) => new BackupClient(config));
  const clientFor = regionClientCache((region) => create(awsClientConfig(region, options)));

  async function call<T>(
    context: AwsCallContext & { region: string },
    run: (client: BackupClient) => Promise<T>,
  ) {
    try {
      return await run(clientFor(context.region));
    } catch (error) {
      throw toLifeboatError(error, context);
    }
  }

  function startedJobId(id: string | undefined, context: AwsCallContext): string {
    if (id) return id;
    throw new LifeboatError(ErrorCode.Internal, `${context.action} returned no job id`, {
      meta: { ...context },
    });
  }

  return {
    async startBackupJob(region, input) {
      const context = { action: 'backup:StartBackupJob', resource: input.resourceArn, region };
      const out = await call(context, (client) =>
        client.send(
          new StartBackupJobCommand({
            BackupVaultName: input.vaultName,
            ResourceArn: input.resourceArn,
            IamRoleArn: input.iamRoleArn,
            IdempotencyToken: input.idempotencyToken,
          }),
        ),
      );
      return { jobId: startedJobId(out.BackupJobId, context) };
    },

    async describeBackupJob(region, jobId) {
      const context = { action: 'backup:DescribeBackupJob', resource: jobId, region };
      const out = await call(context, (client) =>
        client.send(new DescribeBackupJobCommand({ BackupJobId: jobId })),
      );
      return backupJobFrom(region, out, jobId);
    },

    async startCopyJob(region, input) {
      const context = { action: 'backup:StartCopyJob', resource: input.recoveryPointArn, region };
      const out = await call(context, (client) =>
        client.send(
          new StartCopyJobCommand({
            SourceBackupVaultName: input.sourceVaultName,
            RecoveryPointArn: input.recoveryPointArn,
            DestinationBackupVaultArn: input.destinationVaultArn,
            IamRoleArn: input.iamRoleArn,
            IdempotencyToken: input.idempotencyToken,
          }),
        ),
      );
      return { jobId: startedJobId(out.CopyJobId, context) };
    },

    async describeCopyJob(region, jobId) {
      const context = { action: 'backup:DescribeCopyJob', resource: jobId, region };
      const out = await call(context, (client) =>
        client.send(new DescribeCopyJobCommand({ CopyJobId: jobId })),
      );
      return copyJobFrom(region, out.CopyJob ?? {}, jobId);
    },

    async listRecoveryPoints(region, vaultName, filter = {}) {
      const context = {
        action: 'backup:ListRecoveryPointsByBackupVault',
        resource: vaultName,
        region,
      };
      return call(context, async (client) => {
        const points: RecoveryPoint[] = [];
        const pages = paginateListRecoveryPointsByBackupVault(
          { client },
          {
            BackupVaultName: vaultName,
            ...(filter.resourceArn ? { ByResourceArn: filter.resourceArn } : {}),
            ...(filter.createdAfter ? { ByCreatedAfter: new Date(filter.createdAfter) } : {}),
          },
        );
        for await (const page of pages) {
          for (const item of page.RecoveryPoints ?? []) {
            const point = recoveryPointFrom(region, vaultName, item);
            if (point) points.push(point);
          }
        }
        return points;
      });
    },

    async getRestoreMetadata(region, vaultName, recoveryPointArn) {
      const context = {
        action: 'backup:GetRecoveryPointRestoreMetadata',
        resource: recoveryPointArn,
        region,
      };
      const out = await call(context, (client) =>
        client.send(
          new GetRecoveryPointRestoreMetadataCommand({
            BackupVaultName: vaultName,
            RecoveryPointArn: recoveryPointArn,
          }),
        ),
      );
      return { ...(out.RestoreMetadata ?? {}) };
    },

    // StartRestoreJob takes no tags (this SDK's StartRestoreJobInput has none), so `input.tags`
    // cannot reach AWS here; the caller tells a drill's restores apart by the ids it recorded.
    async startRestoreJob(region, input) {
      const context = {
        action: 'backup:StartRestoreJob',
        resource: input.recoveryPointArn,
        region,
      };
      const out = await call(context, (client) =>
        client.send(
          new StartRestoreJobCommand({
            RecoveryPointArn: input.recoveryPointArn,
            IamRoleArn: input.iamRoleArn,
            ResourceType: input.resourceType,
            Metadata: input.metadata,
            IdempotencyToken: input.idempotencyToken,
          }),
        ),
      );
      return { jobId: startedJobId(out.RestoreJobId, context) };
    },

    async describeRestoreJob(region, jobId) {
      const context = { action: 'backup:DescribeRestoreJob', resource: jobId, region };
      const out = await call(context, (client) =>
        client.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId })),
      );
      return restoreJobFrom(region, out, jobId);
    },

    // ListRestoreJobs has no resource filter: the source resource is matched here.
    async listRestoreJobs(region, filter) {
      const context = { action: 'backup:ListRestoreJobs', region };
      return call(context, async (client) => {
        const jobs: AwsJob[] = [];
        const pages = paginateListRestoreJobs(
          { client },
          filter.createdAfter ? { ByCreatedAfter: new Date(filter.createdAfter) } : {},
        );
        for await (const page of pages) {
          for (const item of page.RestoreJobs ?? []) {
            if (filter.resourceArn && item.SourceResourceArn !== filter.resourceArn) continue;
            jobs.push(restoreJobFrom(region, item, item.RestoreJobId ?? ''));
          }
        }
        return jobs;
      });
    },

    async listBackupJobs(region, filter) {
      const context = { action: 'backup:ListBackupJobs', region };
      return call(context, async (client) => {
        const jobs: AwsJob[] = [];
        const pages = paginateListBackupJobs(
          { client },
          {
            ...(filter.resourceArn ? { ByResourceArn: filter.resourceArn } : {}),
            ...(filter.vaultName ? { ByBackupVaultName: filter.vaultName } : {}),
            ...(filter.createdAfter ? { ByCreatedAfter: new Date(filter.createdAfter) } : {}),
          },
        );
        for await (const page of pages) {
          for (const item of page.BackupJobs ?? [])
            jobs.push(backupJobFrom(region, item, item.BackupJobId ?? ''));
        }
        return jobs;
      });
    },

    async listCopyJobs(region, filter) {
      const context = { action: 'backup:ListCopyJobs', region };
      return call(context, async (client) => {
        const jobs: AwsJob[] = [];
        const pages = paginateListCopyJobs(
          { client },
          {
            ...(filter.resourceArn ? { ByResourceArn: filter.resourceArn } : {}),
            ...(filter.createdAfter ? { ByCreatedAfter: new Date(filter.createdAfter) } : {}),
          },
        );
        for await (const page of pages) {
          for (const item of page.CopyJobs ?? [])
            jobs.push(copyJobFrom(region, item, item.CopyJobId ?? ''));
        }
        return jobs;
      });
    },
  };
}
