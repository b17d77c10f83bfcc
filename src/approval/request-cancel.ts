import { transition } from '../core/operation-machine';
import { toIso } from '../core/to-iso';
import { FINAL_STATES, type Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { SYSTEM_ACTOR } from './authorizer';
import { endRequest } from './end-request';
import { operationRefuser } from './operation-refuser';
import type { ApprovalPorts } from './request-operation';

export type CancelOutcome =
  /** Requested or approved: it ended here. */
  | { ok: true; effect: 'cancelled'; op: Operation; message: string }
  /** Running: the executor stops at its next step and tears down what it restored. */
  | { ok: true; effect: 'cancel_requested'; op: Operation; message: string }
  | {
      ok: false;
      reason: 'not_found' | 'not_authorized' | 'finished' | 'traffic_moving' | 'already_requested';
      message: string;
      op?: Operation;
    };

/**
 * Who: the requester, or an approver (the authority a denial needs). The rule shared with the
 * executor:
 * - requested or approved → cancelled at once (lock released, queued run removed);
 * - running, DNS not started (`progress.dnsStartedAt` unset) → `cancelRequestedBy` is set and
 *   the executor ends it as cancelled at its next step boundary;
 * - running with DNS started → refused: traffic is moving, the way back is a failback.
 * Everything goes through the store's compare-and-set, and the executor sets `dnsStartedAt` the
 * same way only while `cancelRequestedBy` is unset, so the two never both win.
 */
export async function requestCancel(
  deps: LifeboatDeps,
  input: { operationId: string; userId: string },
  ports: ApprovalPorts = {},
): Promise<CancelOutcome> {
  const { operationId, userId } = input;
  const refuse = operationRefuser<Extract<CancelOutcome, { ok: false }>['reason']>(deps, {
    actor: userId,
    what: `cancel of ${operationId}`,
    operationId,
  });

  const stored = await deps.operations.get(operationId);
  if (!stored)
    return refuse(
      'not_found',
      `there is no operation ${operationId}; /dr history lists the recent ones`,
    );
  // No less authority than a denial: the requester withdraws their own, an approver any.
  if (userId !== stored.requestedBy) {
    const authorizer = ports.authorizer ?? deps.authorizer;
    const auth = await authorizer.check(userId, 'approver');
    if (!auth.allowed) {
      const requester =
        stored.requestedBy === SYSTEM_ACTOR ? 'Lifeboat' : `<@${stored.requestedBy}>`;
      return refuse(
        'not_authorized',
        `only ${requester}, who requested it, or an approver may cancel ${operationId}: ${auth.message}`,
        stored,
      );
    }
  }

  let refusal:
    { reason: 'finished' | 'traffic_moving' | 'already_requested'; message: string } | undefined;
  const now = deps.clock.now();
  const { op, changed } = await deps.operations.update(operationId, (current) => {
    refusal = undefined;
    if (FINAL_STATES.includes(current.state)) {
      refusal = {
        reason: 'finished',
        message: `${operationId} is already ${current.state}; there is nothing to cancel`,
      };
      return undefined;
    }
    if (current.state === 'running' && current.progress.dnsStartedAt !== undefined) {
      refusal = {
        reason: 'traffic_moving',
        message: `traffic is already moving for ${operationId}; use /dr failback ${current.environment} --reason "…" to go back`,
      };
      return undefined;
    }
    if (current.state === 'running' && current.cancelRequestedBy !== undefined) {
      refusal = {
        reason: 'already_requested',
        message: `<@${current.cancelRequestedBy}> already asked to cancel ${operationId}; it stops at its next step`,
      };
      return undefined;
    }
    const next = transition(current, { type: 'cancel', by: userId }, now);
    if (!next.ok) {
      refusal = { reason: 'finished', message: next.message };
      return undefined;
    }
    return { op: next.op };
  });
  if (!changed || refusal) {
    return refuse(
      refusal?.reason ?? 'finished',
      refusal?.message ?? `${operationId} cannot be cancelled`,
      op,
    );
  }

  const ended = op.state === 'cancelled';
  if (ended) await endRequest(deps, op);
  const message = ended
    ? `${operationId} is cancelled; nothing was changed in AWS`
    : `cancel requested for ${operationId}: it stops at its next step and removes what it restored`;
  await deps.audit.append({
    type: 'cancel',
    actor: userId,
    at: toIso(now),
    environment: op.environment,
    operationId,
    summary: message,
  });
  await deps.events.publish({ type: 'operation.updated', operationId });
  return ended
    ? { ok: true, effect: 'cancelled', op, message }
    : { ok: true, effect: 'cancel_requested', op, message };
}
