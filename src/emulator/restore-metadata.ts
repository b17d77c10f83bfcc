import type { ResourceState } from './emulator-state';

/**
 * What GetRecoveryPointRestoreMetadata answers for a resource: its settings where it was backed up
 * (its region's availability zone and KMS key). A copy keeps them, so a restore in another region
 * must adapt them, as on AWS.
 */
export function restoreMetadata(
  resource: Pick<ResourceState, 'resourceType' | 'name' | 'region' | 'encryptionKeyArn'>,
): Record<string, string> {
  switch (resource.resourceType) {
    case 'DynamoDB':
      return {
        TargetTableName: resource.name,
        encryptionType: 'KMS',
        kmsMasterKeyArn: resource.encryptionKeyArn,
      };
    case 'RDS':
      return {
        DBInstanceIdentifier: resource.name,
        DBInstanceClass: 'db.t3.medium',
        Engine: 'postgres',
        Port: '5432',
        MultiAZ: 'false',
        DBSubnetGroupName: 'default',
        AvailabilityZone: `${resource.region}a`,
        StorageEncrypted: 'true',
        KmsKeyId: resource.encryptionKeyArn,
      };
    case 'Aurora':
      return {
        DBClusterIdentifier: resource.name,
        Engine: 'aurora-postgresql',
        DBSubnetGroupName: 'default',
        KmsKeyId: resource.encryptionKeyArn,
      };
    default:
      return { name: resource.name };
  }
}

/** The name a restore gives the new resource, from its metadata; undefined: generate one. */
export function restoredName(
  resourceType: string,
  metadata: Record<string, string>,
): string | undefined {
  switch (resourceType) {
    case 'DynamoDB':
      return metadata['TargetTableName'];
    case 'RDS':
      return metadata['DBInstanceIdentifier'];
    case 'Aurora':
      return metadata['DBClusterIdentifier'];
    default:
      return undefined;
  }
}
