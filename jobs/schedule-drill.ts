import { UnrecoverableError, type Job } from 'bullmq';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import {
  requestScheduledDrill,
  type RequestOperation,
} from '../src/operations/request-scheduled-drill';
import type { DrillJobData } from '../src/queue/queue-names';
import { JobRetry, toJobError } from '../src/queue/to-job-error';

/**
 * A drill scheduler's job: requests the environment's drill (approvals still apply). A repeat
 * after a failure requests no second drill (the request takes the environment's lock), so any
 * failure is retried.
 */
export function scheduleDrillJob(deps: LifeboatDeps, requestOperation: RequestOperation) {
  return async (job: Job<DrillJobData>) => {
    const environment = job.data?.environment;
    if (typeof environment !== 'string' || environment === '') {
      throw new UnrecoverableError(`job ${job.id} has no environment`);
    }
    try {
      return await requestScheduledDrill(deps, environment, requestOperation);
    } catch (error) {
      throw toJobError(error, JobRetry.Always);
    }
  };
}
