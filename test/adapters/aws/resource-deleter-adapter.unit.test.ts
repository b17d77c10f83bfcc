import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createResourceDeleterAdapter } from '../../../src/adapters/aws/resource-deleter-adapter';
import { TEST_CREDENTIALS } from './support/fake-http-handler';

const dynamoDb = mockClient(DynamoDBClient);
const rds = mockClient(RDSClient);
const TABLE = 'arn:aws:dynamodb:eu-central-1:111122223333:table/orders-drill';
const DB = 'arn:aws:rds:eu-central-1:111122223333:db:shop-drill';
const named = (name: string, message = name) =>
  Object.assign(new Error(message), { name, $metadata: {} });
const deleter = () => createResourceDeleterAdapter({ credentials: TEST_CREDENTIALS });

beforeEach(() => {
  dynamoDb.reset();
  rds.reset();
});

describe('createResourceDeleterAdapter', () => {
  it('deletes a DynamoDB table by the name in its ARN', async () => {
    dynamoDb.on(DeleteTableCommand).resolves({});
    await expect(deleter().deleteResource('eu-central-1', TABLE)).resolves.toBe('deleted');
    expect(dynamoDb).toHaveReceivedCommandWith(DeleteTableCommand, { TableName: 'orders-drill' });
  });

  it('counts a table that is already gone as deleted', async () => {
    dynamoDb.on(DeleteTableCommand).rejects(named('ResourceNotFoundException'));
    await expect(deleter().deleteResource('eu-central-1', TABLE)).resolves.toBe('deleted');
  });

  it('counts a table already being deleted as deleted', async () => {
    dynamoDb
      .on(DeleteTableCommand)
      .rejects(
        named(
          'ResourceInUseException',
          'Attempt to change a resource which is still in use: Table is being deleted',
        ),
      );
    await expect(deleter().deleteResource('eu-central-1', TABLE)).resolves.toBe('deleted');
  });

  it('deletes an RDS instance without a final snapshot and with its automated backups', async () => {
    rds.on(DeleteDBInstanceCommand).resolves({});
    await expect(deleter().deleteResource('eu-central-1', DB)).resolves.toBe('deleted');
    expect(rds).toHaveReceivedCommandWith(DeleteDBInstanceCommand, {
      DBInstanceIdentifier: 'shop-drill',
      SkipFinalSnapshot: true,
      DeleteAutomatedBackups: true,
    });
  });

  it.each(['DBInstanceNotFoundFault', 'DBInstanceNotFound'])(
    'counts %s as deleted',
    async (name) => {
      rds.on(DeleteDBInstanceCommand).rejects(named(name));
      await expect(deleter().deleteResource('eu-central-1', DB)).resolves.toBe('deleted');
    },
  );

  it('leaves other resource types for manual clean-up', async () => {
    await expect(
      deleter().deleteResource(
        'eu-central-1',
        'arn:aws:elasticfilesystem:eu-central-1:111122223333:file-system/fs-1',
      ),
    ).resolves.toBe('manual');
    await expect(
      deleter().deleteResource('eu-central-1', 'arn:aws:rds:eu-central-1:111122223333:cluster:c'),
    ).resolves.toBe('manual');
    await expect(deleter().deleteResource('eu-central-1', 'not-an-arn')).resolves.toBe('manual');
  });

  it('maps access denied to an error naming the IAM action', async () => {
    rds.on(DeleteDBInstanceCommand).rejects(named('AccessDenied', 'not authorized'));
    await expect(deleter().deleteResource('eu-central-1', DB)).rejects.toMatchObject({
      code: 'aws_access_denied',
      message: expect.stringContaining(`needs rds:DeleteDBInstance on ${DB}`),
    });
  });

  it('uses one client per region', async () => {
    const regions: unknown[] = [];
    const port = createResourceDeleterAdapter({
      credentials: TEST_CREDENTIALS,
      createDynamoDbClient: (config) => {
        regions.push(config.region);
        return new DynamoDBClient(config);
      },
    });
    dynamoDb.on(DeleteTableCommand).resolves({});
    await port.deleteResource('eu-central-1', TABLE);
    await port.deleteResource('eu-central-1', TABLE);
    await port.deleteResource('eu-north-1', TABLE);
    expect(regions).toEqual(['eu-central-1', 'eu-north-1']);
  });
});
