import { requestOperation } from '../../src/approval/request-operation';
import type { Operation } from '../../src/core/types';
import type { ApprovalHarness } from './approval-harness';

/**
 * Seeds shop-prod's recovery points an hour old, then U0ALICE (or `requestedBy`) requests a failover of shop-prod
 * ("eu-west-1 is down") or a drill; throws if it is refused.
 */
export async function requestShopOperation(
  h: ApprovalHarness,
  kind: 'failover' | 'drill' = 'failover',
  requestedBy = 'U0ALICE',
): Promise<Operation> {
  h.seedShopPoints(3_600_000);
  const result = await requestOperation(h.deps, {
    kind,
    environment: 'shop-prod',
    requestedBy,
    ...(kind === 'failover' ? { reason: 'eu-west-1 is down' } : {}),
  });
  if (!result.ok) throw new Error(result.message);
  return result.op;
}
