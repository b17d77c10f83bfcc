import type { Redis } from 'ioredis';
import type { LifeboatEvent } from '../../../src/events/lifeboat-event';
import type { Harness } from '../../support/harness';

/** Two environments on two tiers, small enough for fast runs against the emulator. */
export function backupConfigYaml(options: { shopRpo?: string; intranetRpo?: string } = {}): string {
  return `
slack: { channel: C0DRCHANNEL }
approval: { requesters: [U0ALICE], approvers: [U0BOB] }
environments:
  shop-prod:
    primaryRegion: eu-west-1
    recoveryRegion: eu-central-1
    allowedRegions: [eu-central-1]
    rpo: ${options.shopRpo ?? '4h'}
    rto: 24h
    backup:
      roleArn: arn:aws:iam::111122223333:role/lifeboat-backup
      vaults: { eu-west-1: shop-prod, eu-central-1: shop-prod-dr }
      kmsKeys:
        eu-west-1: arn:aws:kms:eu-west-1:111122223333:key/shop-euw1
        eu-central-1: arn:aws:kms:eu-central-1:111122223333:key/shop-euc1
    resources:
      - arn: arn:aws:rds:eu-west-1:111122223333:db:shop
      - arn: arn:aws:dynamodb:eu-west-1:111122223333:table/orders
    dns:
      hostedZoneId: Z0SHOP
      records:
        - name: shop.example.com
          type: CNAME
          values: { eu-west-1: shop-euw1.example.com, eu-central-1: shop-euc1.example.com }
      healthChecks: { eu-west-1: hc-shop-euw1, eu-central-1: hc-shop-euc1 }
  intranet-prod:
    primaryRegion: eu-west-1
    recoveryRegion: eu-north-1
    allowedRegions: [eu-north-1]
    rpo: ${options.intranetRpo ?? '24h'}
    rto: 48h
    backup:
      roleArn: arn:aws:iam::111122223333:role/lifeboat-backup
      vaults: { eu-west-1: intranet, eu-north-1: intranet-dr }
    resources:
      - arn: arn:aws:rds:eu-west-1:111122223333:db:wiki
    dns:
      hostedZoneId: Z0INTRA
      records:
        - name: wiki.intra.example.com
          type: CNAME
          values: { eu-west-1: wiki-euw1.example.com, eu-north-1: wiki-eun1.example.com }
      healthChecks: { eu-west-1: hc-intra-euw1, eu-north-1: hc-intra-eun1 }
`;
}

export const SHOP_DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
export const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
export const WIKI = 'arn:aws:rds:eu-west-1:111122223333:db:wiki';

export interface EmulatedJob {
  jobId: string;
  region: string;
  state: string;
  resourceArn: string;
  createdAt: string;
  completedAt?: string;
  statusMessage?: string;
  idempotencyToken?: string;
  destinationRegion?: string;
  destinationVaultArn?: string;
}

export interface EmulatedPoint {
  recoveryPointArn: string;
  region: string;
  vaultName: string;
  resourceArn: string;
  createdAt: string;
  status: string;
  encryptionKeyArn: string;
}

export interface EmulatedState {
  backupJobs: EmulatedJob[];
  copyJobs: EmulatedJob[];
  recoveryPoints: EmulatedPoint[];
}

export async function emulatedState(h: Harness): Promise<EmulatedState> {
  return (await h.state()) as unknown as EmulatedState;
}

/** Every event published under the harness's prefix so far, oldest first. */
export async function publishedEvents(redis: Redis, eventsKey: string): Promise<LifeboatEvent[]> {
  const entries = await redis.xrange(eventsKey, '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as LifeboatEvent);
}

/** The published events of one type about one environment, oldest first. */
export async function environmentEvents(
  redis: Redis,
  eventsKey: string,
  type: LifeboatEvent['type'],
  environment: string,
): Promise<LifeboatEvent[]> {
  return (await publishedEvents(redis, eventsKey)).filter(
    (e) => e.type === type && 'environment' in e && e.environment === environment,
  );
}
