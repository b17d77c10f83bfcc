import { AwsError } from './aws-error';
import { CALLER } from './caller';
import { awsIds } from './aws-ids';
import type { AwsService } from './aws-service';
import type { ResourceState } from './emulator-state';
import type { EmulatorResponse, OperationContext } from './emulator-request';
import { resourceStatus } from './resource-status';
import { xmlDocument, xmlElement } from './xml';
import { xmlErrorResponse } from './xml-error-response';

const RDS_NAMESPACE = 'http://rds.amazonaws.com/doc/2014-10-31/' as const;
const OPERATIONS = ['DeleteDBInstance', 'DescribeDBInstances'] as const;

function params(context: OperationContext): URLSearchParams {
  return new URLSearchParams(context.request.body);
}

function instances(context: OperationContext): ResourceState[] {
  return context.state.resources.filter(
    (r) =>
      r.resourceType === 'RDS' &&
      r.region === context.region &&
      resourceStatus(r, context.nowMs, context.jobMs) !== 'deleted',
  );
}

function findInstance(context: OperationContext, identifier: string): ResourceState {
  const instance = instances(context).find((r) => r.name === identifier || r.arn === identifier);
  if (!instance)
    throw new AwsError('DBInstanceNotFound', 404, `DBInstance ${identifier} not found.`);
  context.noteResource(instance.arn);
  return instance;
}

function instanceXml(context: OperationContext, instance: ResourceState): string {
  const status =
    resourceStatus(instance, context.nowMs, context.jobMs) === 'deleting'
      ? 'deleting'
      : 'available';
  return (
    '<DBInstance>' +
    xmlElement('DBInstanceIdentifier', instance.name) +
    xmlElement('DBInstanceArn', instance.arn) +
    xmlElement('DBInstanceClass', 'db.t3.medium') +
    xmlElement('Engine', 'postgres') +
    xmlElement('DBInstanceStatus', status) +
    xmlElement('InstanceCreateTime', new Date(instance.createdAtMs).toISOString()) +
    xmlElement('AvailabilityZone', `${instance.region}a`) +
    xmlElement('MultiAZ', false) +
    xmlElement('StorageEncrypted', true) +
    xmlElement('KmsKeyId', instance.encryptionKeyArn) +
    xmlElement('DeletionProtection', false) +
    '</DBInstance>'
  );
}

function queryResponse(operation: string, result: string): EmulatorResponse {
  const inner = `<${operation}Result>${result}</${operation}Result><ResponseMetadata>${xmlElement(
    'RequestId',
    awsIds.requestId(),
  )}</ResponseMetadata>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: xmlDocument(`${operation}Response`, RDS_NAMESPACE, inner),
  };
}

/** RDS over awsQuery: enough to see a restored DB instance and delete it. */
export const rdsService: AwsService = {
  name: 'rds',
  operation(request) {
    const action = new URLSearchParams(request.body).get('Action') ?? '';
    return (OPERATIONS as readonly string[]).includes(action) ? action : undefined;
  },
  effectiveRegion: (region) => region,
  handle(operation, context) {
    const form = params(context);
    const identifier = form.get('DBInstanceIdentifier') ?? '';
    if (operation === 'DescribeDBInstances') {
      const found = identifier ? [findInstance(context, identifier)] : instances(context);
      return queryResponse(
        operation,
        `<DBInstances>${found.map((i) => instanceXml(context, i)).join('')}</DBInstances>`,
      );
    }
    if (!identifier)
      throw new AwsError('MissingParameter', 400, 'DBInstanceIdentifier is required');
    const instance = findInstance(context, identifier);
    if (form.get('SkipFinalSnapshot') !== 'true' && !form.get('FinalDBSnapshotIdentifier')) {
      throw new AwsError(
        'InvalidParameterCombination',
        400,
        'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
      );
    }
    if (instance.deletingSinceMs !== undefined) {
      throw new AwsError(
        'InvalidDBInstanceState',
        400,
        `Instance ${instance.name} is already being deleted.`,
      );
    }
    instance.deletingSinceMs = context.nowMs;
    return queryResponse(operation, instanceXml(context, instance));
  },
  errorResponse(error, requestId) {
    return xmlErrorResponse(RDS_NAMESPACE, error, requestId);
  },
  faults: {
    throttle: () => new AwsError('Throttling', 400, 'Rate exceeded'),
    internal: () => new AwsError('InternalFailure', 500, 'An internal error has occurred'),
    unavailable: () => new AwsError('ServiceUnavailable', 503, 'RDS is unavailable in this region'),
    accessDenied: (operation) =>
      new AwsError(
        'AccessDenied',
        403,
        `User: ${CALLER} is not authorized to perform: rds:${operation}`,
      ),
  },
};
