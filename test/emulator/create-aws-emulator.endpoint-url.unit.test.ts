import { BackupClient, DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { credentials, startEmulator, type Fixture } from './support/emulator-fixture';

describe('clients configured only through AWS_ENDPOINT_URL', () => {
  let fixture: Fixture;
  const saved = process.env['AWS_ENDPOINT_URL'];

  beforeAll(async () => {
    fixture = await startEmulator();
    process.env['AWS_ENDPOINT_URL'] = fixture.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
    else process.env['AWS_ENDPOINT_URL'] = saved;
    await fixture.running.close();
  });

  it('reach the emulator, each service told apart by its credential scope', async () => {
    const backup = new BackupClient({ region: 'eu-north-1', credentials });
    const route53 = new Route53Client({ region: 'eu-west-1', credentials });
    const dynamo = new DynamoDBClient({ region: 'eu-west-1', credentials });
    const rds = new RDSClient({ region: 'us-east-1', credentials });
    const vault = await backup.send(
      new DescribeBackupVaultCommand({ BackupVaultName: 'intranet-dr' }),
    );
    expect(vault.EncryptionKeyArn).toBe(
      'arn:aws:kms:eu-north-1:111122223333:key/4e7c1b9d-intra-eun1',
    );
    const records = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0INTRA' }),
    );
    expect(records.ResourceRecordSets?.[0]?.ResourceRecords?.[0]?.Value).toBe(
      'wiki-euw1.example.com',
    );
    const table = await dynamo.send(new DescribeTableCommand({ TableName: 'carts' }));
    expect(table.Table?.TableArn).toBe('arn:aws:dynamodb:eu-west-1:111122223333:table/carts');
    const ledger = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'ledger' }),
    );
    expect(ledger.DBInstances?.[0]?.DBInstanceArn).toBe(
      'arn:aws:rds:us-east-1:111122223333:db:ledger',
    );
    const calls = fixture.emulator.control.calls();
    expect(calls.map((c) => [c.service, c.operation, c.region])).toEqual([
      ['backup', 'DescribeBackupVault', 'eu-north-1'],
      ['route53', 'ListResourceRecordSets', 'us-east-1'],
      ['dynamodb', 'DescribeTable', 'eu-west-1'],
      ['rds', 'DescribeDBInstances', 'us-east-1'],
    ]);
    for (const client of [backup, route53, dynamo, rds]) client.destroy();
  });
});
