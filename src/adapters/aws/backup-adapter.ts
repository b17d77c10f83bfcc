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
import { ErrorCode, LifeboatError } from '../../errors';
import type { BackupPort } from '../../ports/backup-port';
import { awsClientConfig, type AwsClientOptions } from './aws-client-options';
import { type AwsCallContext, toLifeboatError } from './aws-error';
import { backupJobFrom, copyJobFrom, recoveryPointFrom, restoreJobFrom } from './backup-mappers';
import { regionClientCache } from './region-client-cache';

/** The server-side filters the List* calls share, in AWS Backup's names; unset ones are left out. */
function serverFilters(filter: {
  resourceArn?: string;
  vaultName?: string;
  createdAfter?: string;
}) {
  return {
    ...(filter.resourceArn ? { ByResourceArn: filter.resourceArn } : {}),
    ...(filter.vaultName ? { ByBackupVaultName: filter.vaultName } : {}),
    ...(filter.createdAfter ? { ByCreatedAfter: new Date(filter.createdAfter) } : {}),
  };
}

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

  /**
   * Every page of one List* call, each item mapped; an item mapped to undefined is left out.
   * A failure on any page is mapped like any other call's.
   */
  function listAll<Page, Item, T>(
    context: AwsCallContext & { region: string },
    pages: (client: BackupClient) => AsyncIterable<Page>,
    itemsOf: (page: Page) => Item[] | undefined,
    map: (item: Item) => T | undefined,
  ): Promise<T[]> {
    return call(context, async (client) => {
      const found: T[] = [];
      for await (const page of pages(client)) {
        for (const item of itemsOf(page) ?? []) {
          const mapped = map(item);
          if (mapped !== undefined) found.push(mapped);
        }
      }
      return found;
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
      return listAll(
        { action: 'backup:ListRecoveryPointsByBackupVault', resource: vaultName, region },
        (client) =>
          paginateListRecoveryPointsByBackupVault(
            { client },
            { BackupVaultName: vaultName, ...serverFilters(filter) },
          ),
        (page) => page.RecoveryPoints,
        (item) => recoveryPointFrom(region, vaultName, item),
      );
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
    async listRestoreJobs(region, { resourceArn, ...filter }) {
      return listAll(
        { action: 'backup:ListRestoreJobs', region },
        (client) => paginateListRestoreJobs({ client }, serverFilters(filter)),
        (page) => page.RestoreJobs,
        (item) =>
          resourceArn && item.SourceResourceArn !== resourceArn
            ? undefined
            : restoreJobFrom(region, item),
      );
    },

    async listBackupJobs(region, filter) {
      return listAll(
        { action: 'backup:ListBackupJobs', region },
        (client) => paginateListBackupJobs({ client }, serverFilters(filter)),
        (page) => page.BackupJobs,
        (item) => backupJobFrom(region, item),
      );
    },

    async listCopyJobs(region, filter) {
      return listAll(
        { action: 'backup:ListCopyJobs', region },
        (client) => paginateListCopyJobs({ client }, serverFilters(filter)),
        (page) => page.CopyJobs,
        (item) => copyJobFrom(region, item),
      );
    },
  };
}
