import { countApprovals } from '../core/approval-policy';
import { countNoun } from '../core/count-noun';
import { transition } from '../core/operation-machine';
import { toIso } from '../core/to-iso';
import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { endRequest } from './end-request';
import { SYSTEM_ACTOR } from './authorizer';

export type ExpireRequestResult =
  | { outcome: 'expired'; op: Operation }
  /** Still requested, and not yet due (the job ran early, e.g. on another machine's clock). */
  | { outcome: 'not_yet'; op: Operation; remainingMs: number }
  /** Approved, denied, cancelled or expired already: nothing to do. */
  | { outcome: 'not_pending'; op?: Operation };

/**
 * Ends a request nobody approved in time: requested → expired, the environment's lock released,
 * the expiry audited and announced. Safe to run twice, and against a racing vote: the store's
 * compare-and-set lets exactly one of them decide.
 */
export async function expireRequest(
  deps: LifeboatDeps,
  operationId: string,
): Promise<ExpireRequestResult> {
  const existing = await deps.operations.get(operationId);
  if (!existing) return { outcome: 'not_pending' };
  const now = deps.clock.now();
  const { op, changed } = await deps.operations.update(operationId, (current) => {
    const next = transition(current, { type: 'expire' }, now);
    return next.ok ? { op: next.op } : undefined;
  });
  if (!changed) {
    if (op.state === 'requested') {
      return { outcome: 'not_yet', op, remainingMs: Date.parse(op.expiresAt) - now.toMillis() };
    }
    return { outcome: 'not_pending', op };
  }
  await announceExpiry(deps, op);
  return { outcome: 'expired', op };
}

/** After a request became expired (here, or by a vote that came too late). */
export async function announceExpiry(deps: LifeboatDeps, op: Operation): Promise<void> {
  await endRequest(deps, op);
  const approvals = countApprovals(op);
  await deps.audit.append({
    type: 'expiry',
    actor: SYSTEM_ACTOR,
    at: op.finishedAt ?? toIso(deps.clock.now()),
    environment: op.environment,
    operationId: op.id,
    summary: `${op.kind} ${op.id} of ${op.environment} expired at ${op.expiresAt} with ${countNoun(approvals, 'approval')}`,
  });
  await deps.events.publish({ type: 'operation.updated', operationId: op.id });
}
