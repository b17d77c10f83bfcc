import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error';
import { CALLER } from './caller';
import type { AwsService } from './aws-service';
import type { ResourceState } from './emulator-state';
import type { OperationContext } from './emulator-request';
import { header } from './emulator-request';
import { epochSeconds, jsonResponse, parseJsonObject, stringField } from './json-response';
import { resourceStatus } from './resource-status';

const CONTENT_TYPE = 'application/x-amz-json-1.0' as const;
const TARGET_PREFIX = 'DynamoDB_20120810.' as const;
const OPERATIONS = ['DeleteTable', 'DescribeTable'] as const;

function findTable(context: OperationContext): ResourceState {
  const body = parseJsonObject(context.request.body);
  const tableName = body ? stringField(body, 'TableName') : undefined;
  if (!tableName) throw new AwsError('ValidationException', 400, 'TableName is required');
  const table = context.state.resources.find(
    (r) =>
      r.resourceType === 'DynamoDB' &&
      r.region === context.region &&
      (r.name === tableName || r.arn === tableName) &&
      resourceStatus(r, context.nowMs, context.jobMs) !== 'deleted',
  );
  if (!table) {
    throw new AwsError(
      'ResourceNotFoundException',
      400,
      `Requested resource not found: Table: ${tableName} not found`,
    );
  }
  context.noteResource(table.arn);
  return table;
}

function tableDescription(context: OperationContext, table: ResourceState) {
  const deleting = resourceStatus(table, context.nowMs, context.jobMs) === 'deleting';
  return {
    TableName: table.name,
    TableArn: table.arn,
    TableId: randomUUID(),
    TableStatus: deleting ? 'DELETING' : 'ACTIVE',
    CreationDateTime: epochSeconds(table.createdAtMs),
    ItemCount: 0,
    TableSizeBytes: 0,
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    DeletionProtectionEnabled: false,
    SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: table.encryptionKeyArn },
  };
}

/** DynamoDB over awsJson1_0: enough to see a restored table and delete it. */
export const dynamodbService: AwsService = {
  name: 'dynamodb',
  operation(request) {
    const target = header(request, 'x-amz-target') ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    return (OPERATIONS as readonly string[]).includes(operation) ? operation : undefined;
  },
  effectiveRegion: (region) => region,
  handle(operation, context) {
    const table = findTable(context);
    if (operation === 'DescribeTable')
      return jsonResponse({ Table: tableDescription(context, table) }, CONTENT_TYPE);
    if (table.deletingSinceMs !== undefined) {
      throw new AwsError(
        'ResourceInUseException',
        400,
        `Attempt to change a resource which is still in use: Table is being deleted: ${table.name}`,
      );
    }
    table.deletingSinceMs = context.nowMs;
    return jsonResponse({ TableDescription: tableDescription(context, table) }, CONTENT_TYPE);
  },
  errorResponse(error, requestId) {
    const response = jsonResponse(
      { __type: `com.amazonaws.dynamodb.v20120810#${error.code}`, message: error.message },
      CONTENT_TYPE,
      error.status,
    );
    response.headers['x-amzn-requestid'] = requestId;
    return response;
  },
  faults: {
    throttle: () =>
      new AwsError('ThrottlingException', 400, 'Rate of requests exceeds the allowed throughput.'),
    internal: () => new AwsError('InternalServerError', 500, 'Internal server error'),
    unavailable: () =>
      new AwsError('ServiceUnavailable', 503, 'DynamoDB is unavailable in this region'),
    accessDenied: (operation) =>
      new AwsError(
        'AccessDeniedException',
        400,
        `User: ${CALLER} is not authorized to perform: dynamodb:${operation}`,
      ),
  },
};
