import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Identifiers shaped like AWS's own, so adapters parse what they will meet in production. */
export const awsIds = {
  /** Backup, copy and restore job ids: upper-case UUIDs. */
  jobId: (): string => randomUUID().toUpperCase(),
  /** Route 53 change ids: C followed by upper-case letters and digits. */
  changeId: (): string => `C${randomBytes(10).toString('hex').toUpperCase().slice(0, 13)}`,
  requestId: (): string => randomUUID(),
  /** The AWS-managed key (aws/backup) of a region: stable per region and account. */
  awsManagedKeyArn: (region: string, accountId: string): string => {
    const hex = createHash('sha256').update(`aws/backup:${region}:${accountId}`).digest('hex');
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    return `arn:aws:kms:${region}:${accountId}:key/${uuid}`;
  },
  /** A recovery point ARN of the kind AWS Backup creates for the resource type. */
  recoveryPointArn: (
    resourceType: string,
    region: string,
    accountId: string,
    resourceName: string,
  ): string => {
    const uuid = randomUUID();
    switch (resourceType) {
      case 'RDS':
        return `arn:aws:rds:${region}:${accountId}:snapshot:awsbackup:job-${uuid}`;
      case 'Aurora':
        return `arn:aws:rds:${region}:${accountId}:cluster-snapshot:awsbackup:job-${uuid}`;
      case 'DynamoDB':
        return `arn:aws:dynamodb:${region}:${accountId}:table/${resourceName}/backup/${Date.now()}${randomBytes(1).readUInt8() % 10}-${randomBytes(4).toString('hex')}`;
      case 'EBS':
        return `arn:aws:ec2:${region}::snapshot/snap-${randomBytes(9).toString('hex').slice(0, 17)}`;
      case 'EC2':
        return `arn:aws:ec2:${region}::image/ami-${randomBytes(9).toString('hex').slice(0, 17)}`;
      default:
        return `arn:aws:backup:${region}:${accountId}:recovery-point:${uuid}`;
    }
  },
} as const;
