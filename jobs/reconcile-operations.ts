import type { LifeboatDeps } from '../src/lifeboat-deps';
import { reconcileOperations, type ReconcileReport } from '../src/operations/reconcile-operations';

/** The reconciler's job (a Job Scheduler on the operations queue): one round, logged. */
export function reconcileOperationsJob(deps: LifeboatDeps) {
  return async (): Promise<ReconcileReport> => {
    const report = await reconcileOperations(deps);
    if (report.revived.length > 0 || report.released.length > 0) {
      deps.logger.info(report, 'reconciled operations');
    }
    return report;
  };
}
