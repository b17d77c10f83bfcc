/** What Lifeboat reads from a resource ARN: its service, region, account, AWS Backup type and name. */
export interface ResourceArnParts {
  service: string;
  region: string;
  accountId: string;
  /** AWS Backup's ResourceType: RDS, DynamoDB, EBS, EC2, EFS, S3, Aurora, … */
  resourceType: string;
  /** The short name: table name, DB instance identifier, volume id, … */
  name: string;
}

const TYPES: Record<
  string,
  (resource: string) => { resourceType: string; name: string } | undefined
> = {
  rds: (r) => {
    const [kind, name] = r.split(':');
    if (kind === 'db' && name) return { resourceType: 'RDS', name };
    if (kind === 'cluster' && name) return { resourceType: 'Aurora', name };
    return undefined;
  },
  dynamodb: (r) =>
    r.startsWith('table/') ? { resourceType: 'DynamoDB', name: r.slice(6) } : undefined,
  ec2: (r) => {
    if (r.startsWith('volume/')) return { resourceType: 'EBS', name: r.slice(7) };
    if (r.startsWith('instance/')) return { resourceType: 'EC2', name: r.slice(9) };
    return undefined;
  },
  elasticfilesystem: (r) =>
    r.startsWith('file-system/') ? { resourceType: 'EFS', name: r.slice(12) } : undefined,
  s3: (r) => (r ? { resourceType: 'S3', name: r } : undefined),
};

export function parseResourceArn(arn: string): ResourceArnParts | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1]?.startsWith('aws')) return undefined;
  const [, , service = '', region = '', accountId = ''] = parts;
  const resource = parts.slice(5).join(':');
  const typed = TYPES[service]?.(resource);
  if (!typed) return undefined;
  return { service, region, accountId, ...typed };
}

/** The ARN of the same kind of resource, renamed and moved to another region (a restore target). */
export function arnInRegion(arn: string, region: string, newName?: string): string {
  const parts = arn.split(':');
  parts[3] = region;
  if (newName) {
    const parsed = parseResourceArn(arn);
    if (parsed) {
      const resource = parts.slice(5).join(':');
      const renamed = resource.slice(0, resource.length - parsed.name.length) + newName;
      return [...parts.slice(0, 5), renamed].join(':');
    }
  }
  return parts.join(':');
}

export function vaultArn(region: string, accountId: string, vaultName: string): string {
  return `arn:aws:backup:${region}:${accountId}:backup-vault:${vaultName}`;
}
