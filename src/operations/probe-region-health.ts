import type { EnvironmentConfig } from '../config/config';
import type { HealthPort } from '../ports/health-port';

/**
 * Which regions are up, judged by their Route 53 health checks: a cheap call that never touches
 * the regions themselves (a failover from a dark region makes no call to it). A region without a
 * health check, or whose check cannot be read, counts as down.
 */
export async function probeRegionHealth(
  health: HealthPort,
  env: EnvironmentConfig,
  regions: readonly string[],
): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    [...new Set(regions)].map(async (region): Promise<[string, boolean]> => {
      const check = env.dns.healthChecks[region];
      if (check === undefined) return [region, false];
      try {
        return [region, (await health.getHealthCheckStatus(check)).healthy];
      } catch {
        return [region, false];
      }
    }),
  );
  return Object.fromEntries(entries);
}
