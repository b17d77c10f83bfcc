import { UnrecoverableError, type Job } from 'bullmq';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import {
  requestScheduledDrill,
  type RequestOperation,
} from '../src/operations/request-scheduled-drill';
import type { DrillJobData } from '../src/queue/queue-names';

/** A drill scheduler's job: requests the environment's drill (approvals still apply). */
export function scheduleDrillJob(deps: LifeboatDeps, requestOperation: RequestOperation) {
  return async (job: Job<DrillJobData>) => {
    const environment = job.data?.environment;
    if (typeof environment !== 'string' || environment === '') {
      throw new UnrecoverableError(`job ${job.id} has no environment`);
    }
    return requestScheduledDrill(deps, environment, requestOperation);
  };
}
