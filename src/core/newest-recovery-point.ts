import type { RecoveryPoint } from './types';

/**
 * The newest COMPLETED recovery point of any of `resourceArns` (by the data's creation time),
 * optionally only in `region`. A point that is partial, expiring or being deleted is not one:
 * nothing can be restored from it. A copy keeps its source's ARN and creation date.
 */
export function newestRecoveryPoint(
  points: readonly RecoveryPoint[],
  resourceArns: readonly string[],
  region?: string,
): RecoveryPoint | undefined {
  let newest: RecoveryPoint | undefined;
  let newestAtMs = -Infinity;
  for (const point of points) {
    if (point.status !== 'COMPLETED') continue;
    if (!resourceArns.includes(point.resourceArn)) continue;
    if (region !== undefined && point.region !== region) continue;
    const atMs = Date.parse(point.createdAt);
    if (Number.isNaN(atMs)) continue;
    if (atMs > newestAtMs) {
      newest = point;
      newestAtMs = atMs;
    }
  }
  return newest;
}
