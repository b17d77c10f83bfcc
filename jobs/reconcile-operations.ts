import type { LifeboatDeps } from '../src/lifeboat-deps';
import { reconcileOperations, type ReconcileReport } from '../src/operations/reconcile-operations';
import { JobRetry, toJobError } from '../src/queue/to-job-error';

/** The reconciler's job (a Job Scheduler on the operations queue): one round, logged. */
export function reconcileOperationsJob(deps: LifeboatDeps) {
  return async (): Promise<ReconcileReport> => {
    try {
      const report = await reconcileOperations(deps);
      if (report.revived.length > 0 || report.released.length > 0) {
        deps.logger.info(report, 'reconciled operations');
      }
      return report;
    } catch (error) {
      // Safe to repeat; the next tick is another round anyway.
      throw toJobError(error, JobRetry.Always);
    }
  };
}
