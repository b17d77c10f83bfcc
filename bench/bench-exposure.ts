import { DateTime } from 'luxon';
import type { RecoveryPoint } from '../src/core/types';
import { computeExposure } from '../src/core/rpo-exposure';
import { sandboxConfig } from '../test/support/harness';
import { measure, row, type BenchRow } from './measure';

/**
 * RPO exposure over a vault of 10,000 recovery points (a year of 4-hourly copies for a few
 * resources), against the least any computation must do: one pass finding each resource's newest
 * point.
 */
export async function benchExposure(): Promise<BenchRow> {
  const env = sandboxConfig().environments['shop-prod'];
  if (!env) throw new Error('shop-prod missing from the sandbox config');
  const now = DateTime.fromISO('2026-06-01T00:00:00Z', { zone: 'utc' });
  const points: RecoveryPoint[] = Array.from({ length: 10_000 }, (_, i) => {
    const resource = env.resources[i % env.resources.length];
    return {
      recoveryPointArn: `arn:aws:backup:eu-central-1:111122223333:recovery-point:${i}`,
      resourceArn: resource?.arn ?? '',
      resourceType: resource?.resourceType ?? 'RDS',
      region: 'eu-central-1',
      vaultName: 'shop-prod-dr',
      createdAt: now.minus({ minutes: i * 5 }).toISO() ?? '',
      status: 'COMPLETED',
    };
  });
  const subject = await measure(
    () => computeExposure({ environment: env, recoveryPoints: points, now }),
    {
      samples: 200,
    },
  );
  const baseline = await measure(
    () => {
      const newest = new Map<string, string>();
      for (const p of points) {
        const seen = newest.get(p.resourceArn);
        if (p.status === 'COMPLETED' && (!seen || p.createdAt > seen))
          newest.set(p.resourceArn, p.createdAt);
      }
      return newest;
    },
    { samples: 200 },
  );
  return row(
    'RPO exposure, 10k recovery points',
    'one pass for the newest point per resource',
    subject,
    baseline,
  );
}
