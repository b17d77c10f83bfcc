import {
  BACKUP_SIZE_BYTES,
  type BackupJobRecord,
  type CopyJobRecord,
  type EmulatorState,
  type JobRecord,
  type RestoreJobRecord,
} from './emulator-state';
import { jobCompletionMs } from './job-progress';
import { restoreMetadata } from './restore-metadata';
import { findLiveResource } from './resource-status';

/**
 * Brings every job whose time has come to its end, in the order they end, and applies what each
 * end does: a completed backup or copy adds a recovery point, a completed restore a resource.
 * Called before every request, so state is derived lazily from the clock and stays deterministic.
 */
export function settleJobs(state: EmulatorState, nowMs: number, jobMs: number): void {
  const due: { job: JobRecord; atMs: number }[] = [];
  for (const job of state.jobs) {
    if (job.finalState) continue;
    const atMs = jobCompletionMs(state, job, jobMs);
    if (atMs !== undefined && atMs <= nowMs) due.push({ job, atMs });
  }
  due.sort((a, b) => a.atMs - b.atMs);
  for (const { job, atMs } of due) {
    job.completedAtMs = atMs;
    job.finalState = job.outcome.state;
    if (job.outcome.message !== undefined) job.statusMessage = job.outcome.message;
    if (job.finalState !== 'COMPLETED') continue;
    if (job.kind === 'backup') completeBackup(state, job, atMs, jobMs);
    else if (job.kind === 'copy') completeCopy(state, job, atMs);
    else completeRestore(state, job, atMs, jobMs);
  }
}

function fail(job: JobRecord, message: string): void {
  job.finalState = 'FAILED';
  job.statusMessage = message;
}

function completeBackup(
  state: EmulatorState,
  job: BackupJobRecord,
  atMs: number,
  jobMs: number,
): void {
  const resource = findLiveResource(state, job.resourceArn, atMs, jobMs);
  if (!resource) {
    fail(job, `Resource ${job.resourceArn} was not found; it may have been deleted`);
    return;
  }
  state.recoveryPoints.push({
    recoveryPointArn: job.recoveryPointArn,
    region: job.region,
    vaultName: job.vaultName,
    vaultArn: job.vaultArn,
    accountId: job.accountId,
    resourceArn: job.resourceArn,
    resourceType: job.resourceType,
    resourceName: job.resourceName,
    createdAtMs: job.createdAtMs,
    completedAtMs: atMs,
    status: 'COMPLETED',
    encryptionKeyArn: job.encryptionKeyArn,
    iamRoleArn: job.iamRoleArn,
    backupSizeBytes: BACKUP_SIZE_BYTES,
    restoreMetadata: restoreMetadata(resource),
  });
}

function completeCopy(state: EmulatorState, job: CopyJobRecord, atMs: number): void {
  const source = state.recoveryPoints.find(
    (p) => p.recoveryPointArn === job.sourceRecoveryPointArn,
  );
  if (!source) {
    fail(
      job,
      `Recovery point ${job.sourceRecoveryPointArn} was not found; it may have been deleted`,
    );
    return;
  }
  state.recoveryPoints.push({
    ...source,
    recoveryPointArn: job.destinationRecoveryPointArn,
    region: job.destinationRegion,
    vaultName: job.destinationVaultName,
    vaultArn: job.destinationVaultArn,
    completedAtMs: atMs,
    status: 'COMPLETED',
    encryptionKeyArn: job.destinationEncryptionKeyArn,
    sourceBackupVaultArn: job.sourceVaultArn,
    iamRoleArn: job.iamRoleArn,
    restoreMetadata: { ...source.restoreMetadata },
  });
}

function completeRestore(
  state: EmulatorState,
  job: RestoreJobRecord,
  atMs: number,
  jobMs: number,
): void {
  if (findLiveResource(state, job.createdResourceArn, atMs, jobMs)) {
    fail(job, `A resource named ${job.createdResourceArn} already exists in ${job.region}`);
    return;
  }
  const point = state.recoveryPoints.find((p) => p.recoveryPointArn === job.recoveryPointArn);
  const name = job.createdResourceArn.split(/[:/]/).pop() ?? job.createdResourceArn;
  const keyArn =
    job.metadata['KmsKeyId'] ?? job.metadata['kmsMasterKeyArn'] ?? point?.encryptionKeyArn ?? '';
  state.resources.push({
    arn: job.createdResourceArn,
    region: job.region,
    accountId: job.accountId,
    resourceType: job.resourceType,
    name,
    origin: 'restore',
    createdAtMs: atMs,
    encryptionKeyArn: keyArn,
  });
}
