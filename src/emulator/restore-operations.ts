import { arnInRegion, parseResourceArn } from '../config/resource-arn';
import { AwsError } from './aws-error';
import { awsIds } from './aws-ids';
import { restoreJobJson } from './backup-json';
import { body, findJob, KMS_ARN, required, roleArn } from './backup-operations';
import type { RestoreJobRecord } from './emulator-state';
import type { EmulatorResponse, OperationContext } from './emulator-request';
import { jsonResponse, stringField } from './json-response';
import { restoredName } from './restore-metadata';
import { startJob } from './start-job';

/* AWS Backup's restore jobs in the emulator: StartRestoreJob and DescribeRestoreJob. */

/** Metadata naming another region's KMS key or availability zone cannot restore here, as on AWS. */
function checkMetadataRegion(region: string, metadata: Record<string, string>): void {
  for (const [key, value] of Object.entries(metadata)) {
    const kms = KMS_ARN.exec(value);
    if (kms && kms[1] !== region) {
      throw new AwsError(
        'InvalidParameterValueException',
        400,
        `Invalid restore metadata ${key}: KMS key ${value} is in ${kms[1]}, not in ${region}; use a key of ${region}`,
      );
    }
  }
  const zone = metadata['AvailabilityZone'];
  if (zone && !zone.startsWith(region)) {
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      `Invalid restore metadata AvailabilityZone: ${zone} is not in ${region}`,
    );
  }
}

export function startRestoreJob(context: OperationContext): EmulatorResponse {
  const input = body(context);
  const recoveryPointArn = required(input, 'RecoveryPointArn');
  const iamRoleArn = roleArn(input);
  const rawMetadata = input['Metadata'];
  if (!rawMetadata || typeof rawMetadata !== 'object' || Array.isArray(rawMetadata)) {
    throw new AwsError('MissingParameterValueException', 400, 'Metadata is required');
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawMetadata as Record<string, unknown>)) {
    if (typeof value === 'string') metadata[key] = value;
  }
  const point = context.state.recoveryPoints.find(
    (p) => p.recoveryPointArn === recoveryPointArn && p.region === context.region,
  );
  if (!point) {
    throw new AwsError(
      'ResourceNotFoundException',
      400,
      `Recovery point ${recoveryPointArn} was not found in ${context.region}`,
    );
  }
  context.noteResource(point.resourceArn);
  const resourceType = stringField(input, 'ResourceType') ?? point.resourceType;
  if (resourceType !== point.resourceType) {
    throw new AwsError(
      'InvalidParameterValueException',
      400,
      `Invalid ResourceType ${resourceType}: recovery point ${recoveryPointArn} is of type ${point.resourceType}`,
    );
  }
  checkMetadataRegion(context.region, metadata);
  const name =
    restoredName(resourceType, metadata) ??
    `${parseResourceArn(point.resourceArn)?.name ?? point.resourceName}-restored-${awsIds.jobId().slice(0, 8).toLowerCase()}`;
  const job = startJob(
    context,
    'StartRestoreJob',
    stringField(input, 'IdempotencyToken'),
    (base): RestoreJobRecord => ({
      ...base,
      kind: 'restore',
      accountId: point.accountId,
      iamRoleArn,
      regions: [context.region],
      recoveryPointArn,
      vaultArn: point.vaultArn,
      sourceResourceArn: point.resourceArn,
      resourceType,
      recoveryPointCreatedAtMs: point.createdAtMs,
      metadata,
      createdResourceArn: arnInRegion(point.resourceArn, context.region, name),
    }),
    { kind: 'restore', resourceArn: point.resourceArn },
  );
  return jsonResponse({ RestoreJobId: job.jobId });
}

export function describeRestoreJob(context: OperationContext, jobId: string): EmulatorResponse {
  const job = findJob(context, 'restore', jobId);
  context.noteResource(job.sourceResourceArn);
  return jsonResponse(restoreJobJson(context, job));
}
