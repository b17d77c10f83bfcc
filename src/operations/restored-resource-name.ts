import type { OperationKind } from '../core/types';

/**
 * The name of a resource restored by an operation: `<name>-dr-<id>` for failover and failback,
 * `<name>-drill-<id>` for a drill, so people see at a glance what made it and drill leftovers are
 * easy to find. `<id>` is the operation id's last 8 characters, lower case (RDS identifiers allow
 * letters, digits and hyphens, 63 at most).
 */
export function restoredResourceName(
  name: string,
  kind: OperationKind,
  operationId: string,
): string {
  const shortId = operationId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-8)
    .toLowerCase();
  const suffix = `-${kind === 'drill' ? 'drill' : 'dr'}-${shortId}`;
  return `${name.slice(0, 63 - suffix.length)}${suffix}`;
}
