import { isoNow } from '../clock';
import type { LifeboatDeps } from '../lifeboat-deps';

/** A tick or request that did not start a run: audited and announced, never queued twice. */
export async function recordSkippedRun(
  deps: LifeboatDeps,
  input: {
    environment: string;
    trigger: 'schedule' | 'manual';
    requestedBy?: string;
    reason: string;
    tickId: string;
  },
): Promise<void> {
  const { environment, trigger, requestedBy, reason } = input;
  await deps.audit.append({
    type: 'backup',
    actor: requestedBy ?? 'lifeboat',
    at: isoNow(deps.clock),
    environment,
    summary: `backup skipped: ${reason}`,
    detail: { outcome: 'skipped', trigger, tickId: input.tickId, reason },
  });
  await deps.events.publish({
    type: 'backup.finished',
    environment,
    trigger,
    ...(requestedBy !== undefined ? { requestedBy } : {}),
    outcome: 'skipped',
    copied: 0,
    failed: 0,
    message: reason,
  });
}
