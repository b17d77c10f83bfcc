import type { AwsJob, RecoveryPoint } from '../core/types';

/**
 * AWS Backup, one region per call. Promises:
 * - every Start* takes an idempotency token: the same token returns the same job, never a second;
 * - describe* return the job's current state, terminal states included, never throw for FAILED;
 * - listRecoveryPoints returns every page;
 * - throttling and 5xx are retried inside; what escapes is a LifeboatError whose code says why
 *   (aws_access_denied naming the IAM action, aws_validation naming the field, aws_unavailable…).
 */
export interface BackupPort {
  startBackupJob(
    region: string,
    input: { vaultName: string; resourceArn: string; iamRoleArn: string; idempotencyToken: string },
  ): Promise<{ jobId: string }>;
  describeBackupJob(region: string, jobId: string): Promise<AwsJob>;

  /** Called in the source region; the destination vault is in the recovery region. */
  startCopyJob(
    region: string,
    input: {
      sourceVaultName: string;
      recoveryPointArn: string;
      destinationVaultArn: string;
      iamRoleArn: string;
      idempotencyToken: string;
    },
  ): Promise<{ jobId: string }>;
  describeCopyJob(region: string, jobId: string): Promise<AwsJob>;

  listRecoveryPoints(
    region: string,
    vaultName: string,
    filter?: { resourceArn?: string; createdAfter?: string },
  ): Promise<RecoveryPoint[]>;
  getRestoreMetadata(
    region: string,
    vaultName: string,
    recoveryPointArn: string,
  ): Promise<Record<string, string>>;

  /** Called in the region of the recovery point (the recovery region). */
  startRestoreJob(
    region: string,
    input: {
      recoveryPointArn: string;
      iamRoleArn: string;
      resourceType: string;
      metadata: Record<string, string>;
      idempotencyToken: string;
      tags?: Record<string, string>;
    },
  ): Promise<{ jobId: string }>;
  describeRestoreJob(region: string, jobId: string): Promise<AwsJob>;

  /** Finds jobs already started, when an idempotency token may have expired. */
  listRestoreJobs(
    region: string,
    filter: { resourceArn?: string; createdAfter?: string },
  ): Promise<AwsJob[]>;
  listCopyJobs(
    region: string,
    filter: { resourceArn?: string; createdAfter?: string },
  ): Promise<AwsJob[]>;
  listBackupJobs(
    region: string,
    filter: { resourceArn?: string; vaultName?: string; createdAfter?: string },
  ): Promise<AwsJob[]>;
}
