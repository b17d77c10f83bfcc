import { toIso } from '../core/to-iso';
import type { LifeboatDeps } from '../lifeboat-deps';

export interface RefusalRecord {
  /** Who was refused: a Slack user id, or `lifeboat`. */
  actor: string;
  /** What was refused, e.g. `cancel of op-…`; the summary reads `<what> refused: <message>`. */
  what: string;
  message: string;
  reason: string;
  /** Default: the clock's now. */
  at?: string;
  environment?: string;
  operationId?: string;
  /** More detail, after the reason. */
  detail?: Record<string, unknown>;
}

/**
 * Appends the `refusal` audit entry of a request, vote or cancel that was turned down. The audit
 * log writes the first few refusals of one user in a window and only counts the rest (see
 * AuditLog), so a user cannot flood it by being refused.
 */
export async function auditRefusal(
  deps: Pick<LifeboatDeps, 'audit' | 'clock'>,
  refusal: RefusalRecord,
): Promise<void> {
  await deps.audit.append({
    type: 'refusal',
    actor: refusal.actor,
    at: refusal.at ?? toIso(deps.clock.now()),
    ...(refusal.environment !== undefined ? { environment: refusal.environment } : {}),
    ...(refusal.operationId !== undefined ? { operationId: refusal.operationId } : {}),
    summary: `${refusal.what} refused: ${refusal.message}`,
    detail: { reason: refusal.reason, ...refusal.detail },
  });
}
