import {
  BACKUP_SIZE_BYTES,
  type BackupJobRecord,
  type CopyJobRecord,
  type EmulatorState,
  type JobRecord,
  type RecoveryPointState,
  type RestoreJobRecord,
} from './emulator-state';
import { jobPhase } from './job-progress';
import { epochSeconds } from './json-response';

const IS_PARENT = false as const;

/** The state AWS Backup reports for a job now: CREATED/PENDING, RUNNING, or its terminal state. */
export function jobStateNow(
  state: EmulatorState,
  job: JobRecord,
  nowMs: number,
  jobMs: number,
): string {
  if (job.finalState) return job.finalState;
  const phase = jobPhase(state, job, nowMs, jobMs);
  if (phase === 'first') return job.kind === 'restore' ? 'PENDING' : 'CREATED';
  return 'RUNNING';
}

function percentDone(jobState: string, job: JobRecord, nowMs: number, jobMs: number): string {
  if (job.finalState === 'COMPLETED') return '100.0';
  if (jobState !== 'RUNNING') return '0.0';
  return Math.min(99, Math.floor(((nowMs - job.createdAtMs) / Math.max(1, jobMs)) * 100)).toFixed(
    1,
  );
}

export function backupJobJson(
  state: EmulatorState,
  job: BackupJobRecord,
  nowMs: number,
  jobMs: number,
) {
  const jobState = jobStateNow(state, job, nowMs, jobMs);
  return {
    AccountId: job.accountId,
    BackupJobId: job.jobId,
    BackupVaultName: job.vaultName,
    BackupVaultArn: job.vaultArn,
    RecoveryPointArn: job.recoveryPointArn,
    EncryptionKeyArn: job.encryptionKeyArn,
    IsEncrypted: true,
    ResourceArn: job.resourceArn,
    ResourceType: job.resourceType,
    ResourceName: job.resourceName,
    CreationDate: epochSeconds(job.createdAtMs),
    InitiationDate: epochSeconds(job.createdAtMs),
    CompletionDate: job.completedAtMs === undefined ? undefined : epochSeconds(job.completedAtMs),
    State: jobState,
    StatusMessage: job.statusMessage,
    PercentDone: percentDone(jobState, job, nowMs, jobMs),
    BackupSizeInBytes: job.finalState === 'COMPLETED' ? BACKUP_SIZE_BYTES : undefined,
    IamRoleArn: job.iamRoleArn,
    StartBy: epochSeconds(job.createdAtMs + 8 * 3_600_000),
    BackupType: '',
    IsParent: IS_PARENT,
  };
}

export function copyJobJson(
  state: EmulatorState,
  job: CopyJobRecord,
  nowMs: number,
  jobMs: number,
) {
  const jobState = jobStateNow(state, job, nowMs, jobMs);
  const completed = job.finalState === 'COMPLETED';
  return {
    AccountId: job.accountId,
    CopyJobId: job.jobId,
    SourceBackupVaultArn: job.sourceVaultArn,
    SourceRecoveryPointArn: job.sourceRecoveryPointArn,
    DestinationBackupVaultArn: job.destinationVaultArn,
    DestinationRecoveryPointArn: completed ? job.destinationRecoveryPointArn : undefined,
    DestinationEncryptionKeyArn: job.destinationEncryptionKeyArn,
    ResourceArn: job.resourceArn,
    ResourceType: job.resourceType,
    ResourceName: job.resourceName,
    CreationDate: epochSeconds(job.createdAtMs),
    CompletionDate: job.completedAtMs === undefined ? undefined : epochSeconds(job.completedAtMs),
    State: jobState,
    StatusMessage: job.statusMessage,
    BackupSizeInBytes: completed ? BACKUP_SIZE_BYTES : undefined,
    IamRoleArn: job.iamRoleArn,
    IsParent: IS_PARENT,
  };
}

export function restoreJobJson(
  state: EmulatorState,
  job: RestoreJobRecord,
  nowMs: number,
  jobMs: number,
) {
  const jobState = jobStateNow(state, job, nowMs, jobMs);
  const completed = job.finalState === 'COMPLETED';
  return {
    AccountId: job.accountId,
    RestoreJobId: job.jobId,
    RecoveryPointArn: job.recoveryPointArn,
    SourceResourceArn: job.sourceResourceArn,
    BackupVaultArn: job.vaultArn,
    CreationDate: epochSeconds(job.createdAtMs),
    CompletionDate: job.completedAtMs === undefined ? undefined : epochSeconds(job.completedAtMs),
    Status: jobState,
    StatusMessage: job.statusMessage,
    PercentDone: percentDone(jobState, job, nowMs, jobMs),
    BackupSizeInBytes: BACKUP_SIZE_BYTES,
    IamRoleArn: job.iamRoleArn,
    ExpectedCompletionTimeMinutes: Math.max(1, Math.ceil(jobMs / 60_000)),
    CreatedResourceArn: completed ? job.createdResourceArn : undefined,
    ResourceType: job.resourceType,
    RecoveryPointCreationDate: epochSeconds(job.recoveryPointCreatedAtMs),
    IsParent: IS_PARENT,
  };
}

export function recoveryPointJson(point: RecoveryPointState) {
  return {
    RecoveryPointArn: point.recoveryPointArn,
    BackupVaultName: point.vaultName,
    BackupVaultArn: point.vaultArn,
    SourceBackupVaultArn: point.sourceBackupVaultArn,
    ResourceArn: point.resourceArn,
    ResourceType: point.resourceType,
    ResourceName: point.resourceName,
    IamRoleArn: point.iamRoleArn,
    Status: point.status,
    CreationDate: epochSeconds(point.createdAtMs),
    InitiationDate: epochSeconds(point.createdAtMs),
    CompletionDate: epochSeconds(point.completedAtMs),
    BackupSizeInBytes: point.backupSizeBytes,
    EncryptionKeyArn: point.encryptionKeyArn,
    EncryptionKeyType: 'CUSTOMER_MANAGED_KMS_KEY',
    IsEncrypted: true,
    IsParent: IS_PARENT,
    VaultType: 'BACKUP_VAULT',
  };
}
