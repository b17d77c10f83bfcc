import { AwsError } from './aws-error';
import { awsIds } from './aws-ids';
import { backupJobJson, copyJobJson } from './backup-json';
import type {
  BackupJobRecord,
  CopyJobRecord,
  RecoveryPointState,
  VaultState,
} from './emulator-state';
import type { EmulatorResponse, OperationContext } from './emulator-request';
import { epochSeconds, jsonResponse, parseJsonObject, stringField } from './json-response';
import { findLiveResource } from './resource-status';
import { startJob } from './start-job';

const VAULT_ARN = /^arn:aws[a-z-]*:backup:([a-z0-9-]+):(\d{12}):backup-vault:(.+)$/;
export const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/;

export function body(context: OperationContext): Record<string, unknown> {
  const parsed = parseJsonObject(context.request.body);
  if (!parsed)
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      'The request body is not a JSON object',
    );
  return parsed;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

export function roleArn(input: Record<string, unknown>): string {
  const value = required(input, 'IamRoleArn');
  if (!ROLE_ARN.test(value))
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      `Invalid IamRoleArn: ${value} is not an IAM role ARN`,
    );
  return value;
}

export function required(input: Record<string, unknown>, name: string): string {
  const value = stringField(input, name);
  if (value === undefined)
    throw new AwsError('MissingParameterValueException', 400, `${name} is required`);
  return value;
}

export function findVault(context: OperationContext, name: string): VaultState {
  const vault = context.state.vaults.find((v) => v.region === context.region && v.name === name);
  if (!vault) {
    throw new AwsError(
      'ResourceNotFoundException',
      400,
      `Backup vault ${name} does not exist in ${context.region}`,
    );
  }
  return vault;
}

/** The recovery point of that ARN in the vault, noted as the call's resource. */
export function findPointInVault(
  context: OperationContext,
  vault: VaultState,
  recoveryPointArn: string,
): RecoveryPointState {
  const point = context.state.recoveryPoints.find(
    (p) =>
      p.recoveryPointArn === recoveryPointArn &&
      p.region === vault.region &&
      p.vaultName === vault.name,
  );
  if (!point) {
    throw new AwsError(
      'ResourceNotFoundException',
      400,
      `Recovery point ${recoveryPointArn} was not found in backup vault ${vault.name}`,
    );
  }
  context.noteResource(point.resourceArn);
  return point;
}

export function findJob<K extends 'backup' | 'copy' | 'restore'>(
  context: OperationContext,
  kind: K,
  jobId: string,
) {
  const job = context.state.jobs.find(
    (j) => j.kind === kind && j.jobId === jobId && j.region === context.region,
  );
  if (!job) {
    const label = { backup: 'Backup job', copy: 'Copy job', restore: 'Restore job' }[kind];
    throw new AwsError(
      'ResourceNotFoundException',
      400,
      `${label} ${jobId} was not found in ${context.region}`,
    );
  }
  return job as Extract<typeof job, { kind: K }>;
}

export function startBackupJob(context: OperationContext): EmulatorResponse {
  const input = body(context);
  const vault = findVault(context, required(input, 'BackupVaultName'));
  const resourceArn = required(input, 'ResourceArn');
  const iamRoleArn = roleArn(input);
  context.noteResource(resourceArn);
  const resource = findLiveResource(context.state, resourceArn, context.nowMs, context.jobMs);
  if (!resource || resource.region !== context.region) {
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      `Invalid ResourceArn ${resourceArn}: no such resource in ${context.region}`,
    );
  }
  const job = startJob(
    context,
    'StartBackupJob',
    stringField(input, 'IdempotencyToken'),
    (base): BackupJobRecord => ({
      ...base,
      kind: 'backup',
      accountId: vault.accountId,
      iamRoleArn,
      regions: [context.region],
      vaultName: vault.name,
      vaultArn: vault.arn,
      resourceArn,
      resourceType: resource.resourceType,
      resourceName: resource.name,
      recoveryPointArn: awsIds.recoveryPointArn(
        resource.resourceType,
        context.region,
        vault.accountId,
        resource.name,
      ),
      encryptionKeyArn: vault.encryptionKeyArn,
    }),
    { kind: 'backup', resourceArn },
  );
  return jsonResponse({
    BackupJobId: job.jobId,
    RecoveryPointArn: job.recoveryPointArn,
    CreationDate: epochSeconds(job.createdAtMs),
    IsParent: false,
  });
}

export function describeBackupJob(context: OperationContext, jobId: string): EmulatorResponse {
  const job = findJob(context, 'backup', jobId);
  context.noteResource(job.resourceArn);
  return jsonResponse(backupJobJson(context, job));
}

export function startCopyJob(context: OperationContext): EmulatorResponse {
  const input = body(context);
  const recoveryPointArn = required(input, 'RecoveryPointArn');
  const sourceVault = findVault(context, required(input, 'SourceBackupVaultName'));
  const destinationVaultArn = required(input, 'DestinationBackupVaultArn');
  const iamRoleArn = roleArn(input);
  const point = findPointInVault(context, sourceVault, recoveryPointArn);
  const match = VAULT_ARN.exec(destinationVaultArn);
  const destination = match
    ? context.state.vaults.find((v) => v.region === match[1] && v.name === match[3])
    : undefined;
  if (!destination) {
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      `Invalid DestinationBackupVaultArn ${destinationVaultArn}: no such backup vault`,
    );
  }
  const job = startJob(
    context,
    'StartCopyJob',
    stringField(input, 'IdempotencyToken'),
    (base): CopyJobRecord => ({
      ...base,
      kind: 'copy',
      accountId: sourceVault.accountId,
      iamRoleArn,
      regions: [context.region, destination.region],
      sourceVaultArn: sourceVault.arn,
      sourceRecoveryPointArn: point.recoveryPointArn,
      destinationVaultArn: destination.arn,
      destinationRegion: destination.region,
      destinationVaultName: destination.name,
      destinationRecoveryPointArn: awsIds.recoveryPointArn(
        point.resourceType,
        destination.region,
        destination.accountId,
        point.resourceName,
      ),
      destinationEncryptionKeyArn: destination.encryptionKeyArn,
      resourceArn: point.resourceArn,
      resourceType: point.resourceType,
      resourceName: point.resourceName,
    }),
    { kind: 'copy', resourceArn: point.resourceArn },
  );
  return jsonResponse({
    CopyJobId: job.jobId,
    CreationDate: epochSeconds(job.createdAtMs),
    IsParent: false,
  });
}

export function describeCopyJob(context: OperationContext, jobId: string): EmulatorResponse {
  const job = findJob(context, 'copy', jobId);
  context.noteResource(job.resourceArn);
  return jsonResponse({ CopyJob: copyJobJson(context, job) });
}
