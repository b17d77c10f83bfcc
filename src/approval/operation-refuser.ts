import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { auditRefusal } from './audit-refusal';

export interface OperationRefusal<R extends string> {
  ok: false;
  reason: R;
  message: string;
  op?: Operation;
}

/**
 * The `refuse` of an act on one operation (a vote, a cancel): it audits the refusal, with the
 * operation's environment when the operation is known, and returns the refused outcome.
 */
export function operationRefuser<R extends string>(
  deps: Pick<LifeboatDeps, 'audit' | 'clock'>,
  act: { actor: string; what: string; operationId: string },
): (reason: R, message: string, op?: Operation) => Promise<OperationRefusal<R>> {
  return async (reason, message, op) => {
    await auditRefusal(deps, {
      actor: act.actor,
      what: act.what,
      message,
      reason,
      ...(op ? { environment: op.environment } : {}),
      operationId: act.operationId,
    });
    return { ok: false, reason, message, ...(op ? { op } : {}) };
  };
}
