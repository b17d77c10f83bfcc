import { adaptRestoreMetadata } from '../../src/operations/adapt-restore-metadata';
import { stepsFor } from '../../src/operations/operation-step';
import { restoredResourceName } from '../../src/operations/restored-resource-name';

describe('adaptRestoreMetadata', () => {
  it('renames, swaps the KMS key for the region and drops another region zone', () => {
    expect(
      adaptRestoreMetadata({
        metadata: {
          DBInstanceIdentifier: 'shop',
          AvailabilityZone: 'eu-west-1a',
          KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/a',
          Engine: 'postgres',
        },
        resourceType: 'RDS',
        region: 'eu-central-1',
        newName: 'shop-dr-12345678',
        kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/b',
      }),
    ).toEqual({
      DBInstanceIdentifier: 'shop-dr-12345678',
      KmsKeyId: 'arn:aws:kms:eu-central-1:111122223333:key/b',
      Engine: 'postgres',
    });
  });

  it('drops a foreign key when the region has none configured, and names a DynamoDB table', () => {
    expect(
      adaptRestoreMetadata({
        metadata: { kmsMasterKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/a' },
        resourceType: 'DynamoDB',
        region: 'eu-north-1',
        newName: 'orders-drill-abc',
      }),
    ).toEqual({ targetTableName: 'orders-drill-abc' });
  });
});

describe('stepsFor', () => {
  it('lists the steps of each kind', () => {
    expect(stepsFor({ kind: 'failover', planned: false })).toEqual([
      'preflight',
      'restore',
      'health',
      'dns',
      're-protect',
    ]);
    expect(stepsFor({ kind: 'failback', planned: true })).toContain('final-backup');
    expect(stepsFor({ kind: 'drill', planned: false })).toEqual([
      'preflight',
      'restore',
      'health',
      'teardown',
      'report',
    ]);
  });
});

describe('restoredResourceName', () => {
  it('tells failovers and drills apart and stays within 63 characters', () => {
    expect(restoredResourceName('shop', 'failover', 'op-01HZX9ABCDEFGH')).toBe('shop-dr-abcdefgh');
    expect(restoredResourceName('shop', 'drill', 'op-01HZX9ABCDEFGH')).toBe('shop-drill-abcdefgh');
    expect(restoredResourceName('x'.repeat(80), 'drill', 'op-1').length).toBeLessThanOrEqual(63);
  });
});
