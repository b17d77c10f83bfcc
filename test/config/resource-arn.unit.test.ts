import { arnInRegion, parseResourceArn, vaultArn } from '../../src/config/resource-arn';

describe('parseResourceArn', () => {
  it.each([
    ['arn:aws:rds:eu-west-1:111122223333:db:shop', 'RDS', 'shop', 'eu-west-1'],
    ['arn:aws:rds:eu-west-1:111122223333:cluster:ledger', 'Aurora', 'ledger', 'eu-west-1'],
    ['arn:aws:dynamodb:us-east-1:111122223333:table/orders', 'DynamoDB', 'orders', 'us-east-1'],
    ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc', 'EBS', 'vol-0abc', 'eu-west-1'],
    ['arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc', 'EC2', 'i-0abc', 'eu-west-1'],
    [
      'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1',
      'EFS',
      'fs-1',
      'eu-west-1',
    ],
    ['arn:aws:s3:::my-bucket', 'S3', 'my-bucket', ''],
  ])('%s is %s', (arn, resourceType, name, region) => {
    expect(parseResourceArn(arn)).toMatchObject({ resourceType, name, region });
  });

  it.each([
    ['not an arn'],
    ['arn:aws:lambda:eu-west-1:111122223333:function:f'],
    ['arn:aws:rds:eu-west-1:111122223333:snapshot:s'],
    ['arn:aws:dynamodb:eu-west-1:111122223333:stream/x'],
    ['arn:gcp:rds:eu-west-1:111122223333:db:shop'],
  ])('rejects %s', (arn) => {
    expect(parseResourceArn(arn)).toBeUndefined();
  });
});

describe('arnInRegion and vaultArn', () => {
  it('moves and renames a resource ARN', () => {
    expect(arnInRegion('arn:aws:rds:eu-west-1:111122223333:db:shop', 'eu-central-1')).toBe(
      'arn:aws:rds:eu-central-1:111122223333:db:shop',
    );
    expect(
      arnInRegion(
        'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
        'eu-central-1',
        'orders-dr',
      ),
    ).toBe('arn:aws:dynamodb:eu-central-1:111122223333:table/orders-dr');
  });

  it('builds a vault ARN', () => {
    expect(vaultArn('eu-central-1', '111122223333', 'shop-prod-dr')).toBe(
      'arn:aws:backup:eu-central-1:111122223333:backup-vault:shop-prod-dr',
    );
  });
});
