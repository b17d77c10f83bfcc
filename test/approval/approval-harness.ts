import { readFileSync } from 'node:fs';
import { fakeClock, type FakeClock } from '../../src/clock';
import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import { createHarness, SANDBOX_CONFIG_PATH, type Harness } from '../support/harness';

export const SHOP_DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
export const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
export const CARTS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts';
export const START = '2026-03-01T12:00:00.000Z';

/** The sandbox configuration with approval settings changed. */
export function sandboxYaml(
  approval: { minApprovers?: number; expiresAfter?: string } = {},
): string {
  let yaml = readFileSync(SANDBOX_CONFIG_PATH, 'utf8');
  if (approval.minApprovers !== undefined) {
    yaml = yaml.replace(/minApprovers: \d+/, `minApprovers: ${approval.minApprovers}`);
  }
  if (approval.expiresAfter !== undefined) {
    yaml = yaml.replace(/expiresAfter: \S+/, `expiresAfter: ${approval.expiresAfter}`);
  }
  return yaml;
}

export interface ApprovalHarness extends Harness {
  clock: FakeClock;
  /** Puts a completed point of every shop-prod resource in its recovery vault, this old. */
  seedShopPoints(ageMs: number, region?: string): void;
  /** Every event published so far. */
  events(): Promise<LifeboatEvent[]>;
}

export async function approvalHarness(
  name: string,
  approval: { minApprovers?: number; expiresAfter?: string } = {},
  options: { realClock?: boolean; redisUrl?: string } = {},
): Promise<ApprovalHarness> {
  const clock = fakeClock(START);
  const harness = await createHarness({
    configYaml: sandboxYaml(approval),
    name,
    ...(options.realClock ? {} : { clock }),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  return {
    ...harness,
    clock,
    seedShopPoints(ageMs, region = 'eu-central-1') {
      for (const resourceArn of [SHOP_DB, ORDERS, CARTS]) {
        harness.emulator.control.seedRecoveryPoint({
          region,
          vaultName: 'shop-prod-dr',
          resourceArn,
          ageMs,
        });
      }
    },
    async events() {
      const entries = await harness.infra.redis.xrange(harness.infra.keys.events, '-', '+');
      return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as LifeboatEvent);
    },
  };
}
