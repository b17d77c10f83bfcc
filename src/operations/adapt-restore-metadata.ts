/** The metadata keys that name the restored resource, by AWS Backup resource type. */
const NAME_KEYS: Record<string, readonly string[]> = {
  DynamoDB: ['targetTableName', 'TargetTableName'],
  RDS: ['DBInstanceIdentifier'],
  Aurora: ['DBClusterIdentifier'],
};

const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/;
const AVAILABILITY_ZONE = /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/;

/**
 * GetRecoveryPointRestoreMetadata describes the resource where it was backed up. Restoring it in
 * `region` needs: a new name (the original may still exist, and the restored one must be told
 * apart), the region's KMS key in place of any key of another region (dropped when none is
 * configured, so AWS uses its default key), and no availability zone of another region (AWS then
 * picks one).
 */
export function adaptRestoreMetadata(input: {
  metadata: Readonly<Record<string, string>>;
  resourceType: string;
  region: string;
  newName: string;
  kmsKeyArn?: string;
}): Record<string, string> {
  const { region, kmsKeyArn } = input;
  const adapted: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.metadata)) {
    const kms = KMS_ARN.exec(value);
    if (kms) {
      if (kms[1] === region) adapted[key] = value;
      else if (kmsKeyArn !== undefined) adapted[key] = kmsKeyArn;
      continue;
    }
    if (AVAILABILITY_ZONE.test(value) && !value.startsWith(region)) continue;
    adapted[key] = value;
  }
  const nameKeys = NAME_KEYS[input.resourceType] ?? [];
  const present = nameKeys.filter((key) => key in adapted);
  const first = nameKeys[0];
  for (const key of present.length > 0 ? present : first !== undefined ? [first] : []) {
    adapted[key] = input.newName;
  }
  return adapted;
}
