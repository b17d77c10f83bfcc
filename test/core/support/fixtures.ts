import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseConfig, type Config, type EnvironmentConfig } from '../../../src/config/config';
import { initialEnvironmentState } from '../../../src/core/environment-state';
import type { Operation, Plan, RecoveryPoint } from '../../../src/core/types';

export const T0 = DateTime.fromISO('2026-01-01T00:00:00Z', { zone: 'utc' });

export function sandboxConfig(): Config {
  const result = parseConfig(readFileSync(join(__dirname, '../../../config/sandbox.yaml'), 'utf8'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export function shopProd(): EnvironmentConfig {
  const env = sandboxConfig().environments['shop-prod'];
  if (!env) throw new Error('shop-prod missing from config/sandbox.yaml');
  return env;
}

export const SHOP_DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
export const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
export const CARTS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts';

let pointSeq = 0;
export function point(
  resourceArn: string,
  createdAt: DateTime,
  overrides: Partial<RecoveryPoint> = {},
): RecoveryPoint {
  pointSeq += 1;
  return {
    recoveryPointArn: `arn:aws:backup:eu-central-1:111122223333:recovery-point:rp-${pointSeq}`,
    resourceArn,
    resourceType: 'RDS',
    region: 'eu-central-1',
    vaultName: 'shop-prod-dr',
    createdAt: createdAt.toUTC().toISO() ?? '',
    status: 'COMPLETED',
    ...overrides,
  };
}

export function fullPoints(createdAt: DateTime, region = 'eu-central-1'): RecoveryPoint[] {
  return [SHOP_DB, ORDERS, CARTS].map((arn) => point(arn, createdAt, { region }));
}

export function dummyPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    kind: 'failover',
    environment: 'shop-prod',
    fromRegion: 'eu-west-1',
    toRegion: 'eu-central-1',
    planned: false,
    configVersion: 'v1',
    resources: [],
    dnsChanges: [],
    hostedZoneId: 'Z0SHOP',
    healthChecks: ['hc-shop-euc1'],
    rpoTargetMs: 4 * 3_600_000,
    rtoTargetMs: 24 * 3_600_000,
    rtoDeadline: T0.plus({ hours: 24 }).toISO() ?? '',
    fingerprint: 'f',
    ...overrides,
  };
}

export function requestedOp(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    kind: 'failover',
    environment: 'shop-prod',
    state: 'requested',
    requestedBy: 'U0ALICE',
    requestedAt: T0.toISO() ?? '',
    reason: 'eu-west-1 is down',
    expiresAt: T0.plus({ minutes: 30 }).toISO() ?? '',
    votes: [],
    plan: dummyPlan(),
    steps: [],
    progress: {},
    ...overrides,
  };
}

export function initialState() {
  return initialEnvironmentState(shopProd(), T0);
}
