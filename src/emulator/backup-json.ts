import {
  BACKUP_SIZE_BYTES,
  type BackupJobRecord,
  type CopyJobRecord,
  type EmulatorState,
  type JobRecord,
  type RecoveryPointState,
  type RestoreJobRecord,
} from './emulator-state';
import type { OperationContext } from './emulator-request';
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

/** What a job's JSON depends on besides the job: the world, the time now and a job's length. */
export type JobView = Pick<OperationContext, 'state' | 'nowMs' | 'jobMs'>;

/** The fields the three kinds of job show alike. */
function commonJobJson(job: JobRecord) {
  return {
    AccountId: job.accountId,
    CreationDate: epochSeconds(job.createdAtMs),
    CompletionDate: job.completedAtMs === undefined ? undefined : epochSeconds(job.completedAtMs),
    StatusMessage: job.statusMessage,
    IamRoleArn: job.iamRoleArn,
    IsParent: IS_PARENT,
  };
}

export function backupJobJson(view: JobView, job: BackupJobRecord) {
  const jobState = jobStateNow(view.state, job, view.nowMs, view.jobMs);
  return {
    ...commonJobJson(job),
    BackupJobId: job.jobId,
    BackupVaultName: job.vaultName,
    BackupVaultArn: job.vaultArn,
    RecoveryPointArn: job.recoveryPointArn,
    EncryptionKeyArn: job.encryptionKeyArn,
    IsEncrypted: true,
    ResourceArn: job.resourceArn,
    ResourceType: job.resourceType,
    ResourceName: job.resourceName,
    InitiationDate: epochSeconds(job.createdAtMs),
    State: jobState,
    PercentDone: percentDone(jobState, job, view.nowMs, view.jobMs),
    BackupSizeInBytes: job.finalState === 'COMPLETED' ? BACKUP_SIZE_BYTES : undefined,
    StartBy: epochSeconds(job.createdAtMs + 8 * 3_600_000),
    BackupType: '',
  };
}

export function copyJobJson(view: JobView, job: CopyJobRecord) {
  const completed = job.finalState === 'COMPLETED';
  return {
    ...commonJobJson(job),
    CopyJobId: job.jobId,
    SourceBackupVaultArn: job.sourceVaultArn,
    SourceRecoveryPointArn: job.sourceRecoveryPointArn,
    DestinationBackupVaultArn: job.destinationVaultArn,
    DestinationRecoveryPointArn: completed ? job.destinationRecoveryPointArn : undefined,
    DestinationEncryptionKeyArn: job.destinationEncryptionKeyArn,
    ResourceArn: job.resourceArn,
    ResourceType: job.resourceType,
    ResourceName: job.resourceName,
    State: jobStateNow(view.state, job, view.nowMs, view.jobMs),
    BackupSizeInBytes: completed ? BACKUP_SIZE_BYTES : undefined,
  };
}

export function restoreJobJson(view: JobView, job: RestoreJobRecord) {
  const jobState = jobStateNow(view.state, job, view.nowMs, view.jobMs);
  return {
    ...commonJobJson(job),
    RestoreJobId: job.jobId,
    RecoveryPointArn: job.recoveryPointArn,
    SourceResourceArn: job.sourceResourceArn,
    BackupVaultArn: job.vaultArn,
    Status: jobState,
    PercentDone: percentDone(jobState, job, view.nowMs, view.jobMs),
    BackupSizeInBytes: BACKUP_SIZE_BYTES,
    ExpectedCompletionTimeMinutes: Math.max(1, Math.ceil(view.jobMs / 60_000)),
    CreatedResourceArn: job.finalState === 'COMPLETED' ? job.createdResourceArn : undefined,
    ResourceType: job.resourceType,
    RecoveryPointCreationDate: epochSeconds(job.recoveryPointCreatedAtMs),
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
