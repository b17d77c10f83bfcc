import type { HealthCheckObservation } from '@aws-sdk/client-route-53';

/**
 * Healthy only when at least one checker reported and every checker's status starts with
 * "Success" (Route 53 words it "Success: HTTP Status Code 200, OK").
 */
export function summarizeHealth(observations: HealthCheckObservation[]): {
  healthy: boolean;
  detail: string;
} {
  if (observations.length === 0)
    return { healthy: false, detail: 'no health checker has reported yet' };
  const failing = observations.filter((o) => !(o.StatusReport?.Status ?? '').startsWith('Success'));
  if (failing.length === 0) {
    return {
      healthy: true,
      detail: `${observations.length}/${observations.length} checkers report success`,
    };
  }
  const reasons = failing
    .slice(0, 3)
    .map(
      (o) => `${o.Region ?? o.IPAddress ?? 'checker'}: ${o.StatusReport?.Status ?? 'no status'}`,
    );
  const more = failing.length > 3 ? `; and ${failing.length - 3} more` : '';
  return {
    healthy: false,
    detail: `${failing.length}/${observations.length} checkers report failure (${reasons.join('; ')}${more})`,
  };
}
