import { lookupEnvironment } from '../config/lookup-environment';
import { toIso } from '../core/to-iso';
import type { LifeboatDeps } from '../lifeboat-deps';
import { auditRefusal } from './audit-refusal';
import type { ApprovalPorts } from './request-operation';

export type RequestBackupResult =
  | { ok: true; jobId: string }
  | { ok: false; reason: 'not_authorized' | 'unknown_environment'; message: string };

/** An on-demand backup and copy: queued for the backups worker, which announces the result. */
export async function requestBackup(
  deps: LifeboatDeps,
  input: { environment: string; requestedBy: string },
  ports: ApprovalPorts = {},
): Promise<RequestBackupResult> {
  const at = toIso(deps.clock.now());
  const refuse = async (reason: 'not_authorized' | 'unknown_environment', message: string) => {
    await auditRefusal(deps, {
      actor: input.requestedBy,
      what: `backup of ${input.environment}`,
      message,
      reason,
      at,
    });
    return { ok: false as const, reason, message };
  };
  const authorizer = ports.authorizer ?? deps.authorizer;
  const auth = await authorizer.check(input.requestedBy, 'either');
  if (!auth.allowed) return refuse('not_authorized', auth.message);
  const found = lookupEnvironment(deps.config.current(), input.environment);
  if (!found.ok) return refuse('unknown_environment', found.message);
  // Retried like a scheduled run: a throttled or briefly unreachable AWS must not lose it.
  const { jobId } = await deps.backupRuns.enqueue({
    environment: input.environment,
    trigger: 'manual',
    requestedBy: input.requestedBy,
  });
  await deps.audit.append({
    type: 'backup',
    actor: input.requestedBy,
    at,
    environment: input.environment,
    summary: `requested a backup of ${input.environment}`,
    detail: { jobId },
  });
  return { ok: true, jobId };
}
