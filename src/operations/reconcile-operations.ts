import { FINAL_STATES } from '../core/types';
import { ErrorCode, LifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { EnsureLiveOutcome } from '../ports/operation-runs';

export interface ReconcileReport {
  /** Operations whose run was added, retried or replaced. */
  revived: { operationId: string; how: EnsureLiveOutcome }[];
  /** Environments whose lock was still held by a finished operation. */
  released: { environment: string; operationId: string }[];
}

/**
 * Brings back what a crash may have left behind, for every configured environment: an approved
 * or running operation without a live job gets one again, and a lock still held by a finished
 * operation is released. Safe to run anywhere, any number of times.
 */
export async function reconcileOperations(
  deps: LifeboatDeps,
  options: { perEnvironment?: number } = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { revived: [], released: [] };
  for (const environment of Object.keys(deps.config.current().environments)) {
    const limit = options.perEnvironment ?? 20;
    const ops = await deps.operations.list({ environment, limit }).catch((error: unknown) => {
      // A record that cannot be read (its key is in the error) holds up its environment only.
      if (!(error instanceof LifeboatError && error.code === ErrorCode.StoredRecordInvalid)) {
        throw error;
      }
      deps.logger.warn({ err: error, environment }, 'could not read the operations; skipped');
      return undefined;
    });
    if (!ops) continue;
    for (const op of ops) {
      if (op.state !== 'approved' && op.state !== 'running') continue;
      try {
        const how = await deps.runs.ensureLive(op.id);
        if (how !== 'present') report.revived.push({ operationId: op.id, how });
      } catch (error) {
        // A run that another worker has just taken cannot be retried: the next round sees it.
        deps.logger.warn({ err: error, operationId: op.id }, 'could not revive operation job');
      }
    }
    const holder = await deps.locks.holder(environment);
    if (holder === undefined) continue;
    const holderOp = await deps.operations.get(holder);
    if (holderOp && FINAL_STATES.includes(holderOp.state)) {
      if (await deps.locks.release(environment, holder)) {
        report.released.push({ environment, operationId: holder });
      }
    }
  }
  return report;
}
