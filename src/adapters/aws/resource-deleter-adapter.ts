import {
  DeleteTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DeleteDBInstanceCommand, RDSClient, type RDSClientConfig } from '@aws-sdk/client-rds';
import { parseResourceArn } from '../../config/resource-arn';
import type { ResourceDeleterPort } from '../../ports/resource-deleter-port';
import { awsClientConfig, type AwsClientOptions } from './aws-client-options';
import { toLifeboatError } from './aws-error';
import { regionClientCache } from './region-client-cache';

export interface ResourceDeleterAdapterOptions extends AwsClientOptions {
  createDynamoDbClient?: (config: DynamoDBClientConfig) => DynamoDBClient;
  createRdsClient?: (config: RDSClientConfig) => RDSClient;
}

const GONE = new Set([
  'ResourceNotFoundException',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
]);

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** A second delete of a resource already on its way out: the first one did the work. */
function alreadyBeingDeleted(error: unknown): boolean {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : '';
  return (
    (name === 'ResourceInUseException' || name.startsWith('InvalidDBInstanceState')) &&
    /being deleted|is deleting|already being deleted/i.test(message)
  );
}

/**
 * ResourceDeleterPort for what a restore creates: DynamoDB tables and RDS DB instances, through
 * their own services in the given region. Anything else is left for manual clean-up.
 */
export function createResourceDeleterAdapter(
  options: ResourceDeleterAdapterOptions = {},
): ResourceDeleterPort {
  const dynamoDb = regionClientCache((region) =>
    (options.createDynamoDbClient ?? ((config) => new DynamoDBClient(config)))(
      awsClientConfig(region, options),
    ),
  );
  const rds = regionClientCache((region) =>
    (options.createRdsClient ?? ((config) => new RDSClient(config)))(
      awsClientConfig(region, options),
    ),
  );

  return {
    async deleteResource(region, resourceArn) {
      const parsed = parseResourceArn(resourceArn);
      let action: string;
      let run: () => Promise<unknown>;
      if (parsed?.resourceType === 'DynamoDB') {
        action = 'dynamodb:DeleteTable';
        run = () => dynamoDb(region).send(new DeleteTableCommand({ TableName: parsed.name }));
      } else if (parsed?.resourceType === 'RDS') {
        action = 'rds:DeleteDBInstance';
        run = () =>
          rds(region).send(
            new DeleteDBInstanceCommand({
              DBInstanceIdentifier: parsed.name,
              // A drill's copy: the data lives on in the recovery points it was restored from.
              SkipFinalSnapshot: true,
              DeleteAutomatedBackups: true,
            }),
          );
      } else {
        return 'manual';
      }
      try {
        await run();
        return 'deleted';
      } catch (error) {
        if (GONE.has(errorName(error)) || alreadyBeingDeleted(error)) return 'deleted';
        throw toLifeboatError(error, { action, resource: resourceArn, region });
      }
    },
  };
}
