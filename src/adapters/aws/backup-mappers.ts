import type {
  CopyJob,
  DescribeBackupJobOutput,
  DescribeRestoreJobOutput,
  RecoveryPointByBackupVault,
  RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import { AWS_JOB_STATES, type AwsJobState } from '../../core/aws-job-state';
import type { AwsJob, RecoveryPoint } from '../../core/types';

/** Stands in for a date AWS left out: as old as it gets, so nothing looks fresher than it is. */
const UNKNOWN_DATE = new Date(0).toISOString();

function isoDate(date: Date | undefined): string | undefined {
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A state this code does not know yet counts as still running, so callers keep polling. */
function jobState(state: string | undefined): AwsJobState {
  return AWS_JOB_STATES.find((known) => known === state) ?? 'RUNNING';
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}

/** `jobId`: the id asked for, should the answer leave it out (a listing has none to offer). */
export function backupJobFrom(region: string, out: DescribeBackupJobOutput, jobId = ''): AwsJob {
  return {
    kind: 'backup',
    jobId: out.BackupJobId ?? jobId,
    region,
    state: jobState(out.State),
    createdAt: isoDate(out.CreationDate) ?? UNKNOWN_DATE,
    ...optional('statusMessage', out.StatusMessage),
    ...optional('resourceArn', out.ResourceArn),
    ...optional('completedAt', isoDate(out.CompletionDate)),
    ...optional('recoveryPointArn', out.RecoveryPointArn),
  };
}

export function copyJobFrom(region: string, job: CopyJob, jobId = ''): AwsJob {
  return {
    kind: 'copy',
    jobId: job.CopyJobId ?? jobId,
    region,
    state: jobState(job.State),
    createdAt: isoDate(job.CreationDate) ?? UNKNOWN_DATE,
    ...optional('statusMessage', job.StatusMessage),
    ...optional('resourceArn', job.ResourceArn),
    ...optional('completedAt', isoDate(job.CompletionDate)),
    ...optional('recoveryPointArn', job.SourceRecoveryPointArn),
    ...optional('destinationRecoveryPointArn', job.DestinationRecoveryPointArn),
  };
}

export function restoreJobFrom(
  region: string,
  out: DescribeRestoreJobOutput | RestoreJobsListMember,
  jobId = '',
): AwsJob {
  return {
    kind: 'restore',
    jobId: out.RestoreJobId ?? jobId,
    region,
    state: jobState(out.Status),
    createdAt: isoDate(out.CreationDate) ?? UNKNOWN_DATE,
    ...optional('statusMessage', out.StatusMessage),
    ...optional('resourceArn', out.SourceResourceArn),
    ...optional('completedAt', isoDate(out.CompletionDate)),
    ...optional('recoveryPointArn', out.RecoveryPointArn),
    ...optional('createdResourceArn', out.CreatedResourceArn),
  };
}

/**
 * AWS Backup's recovery point statuses folded into the domain's four. CREATING is not a recovery
 * point yet and is left out (undefined); AVAILABLE (logically air-gapped vaults) is usable like
 * COMPLETED; STOPPED (continuous backup switched off) is not fully usable, like PARTIAL.
 */
function recoveryPointStatus(status: string | undefined): RecoveryPoint['status'] | undefined {
  switch (status) {
    case 'COMPLETED':
    case 'AVAILABLE':
      return 'COMPLETED';
    case 'PARTIAL':
    case 'STOPPED':
      return 'PARTIAL';
    case 'DELETING':
      return 'DELETING';
    case 'EXPIRED':
      return 'EXPIRED';
    default:
      return undefined;
  }
}

export function recoveryPointFrom(
  region: string,
  vaultName: string,
  point: RecoveryPointByBackupVault,
): RecoveryPoint | undefined {
  const status = recoveryPointStatus(point.Status);
  if (status === undefined || !point.RecoveryPointArn) return undefined;
  return {
    recoveryPointArn: point.RecoveryPointArn,
    resourceArn: point.ResourceArn ?? '',
    resourceType: point.ResourceType ?? 'unknown',
    region,
    vaultName: point.BackupVaultName ?? vaultName,
    createdAt: isoDate(point.CreationDate) ?? UNKNOWN_DATE,
    status,
    ...optional('completedAt', isoDate(point.CompletionDate)),
    ...optional('encryptionKeyArn', point.EncryptionKeyArn),
    ...optional('sourceBackupVaultArn', point.SourceBackupVaultArn),
  };
}
