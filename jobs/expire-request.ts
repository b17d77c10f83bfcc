import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { expireRequest } from '../src/approval/expire-request';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import type { ExpiryJobData } from '../src/queue/queue-names';
import { JobRetry, toJobError } from '../src/queue/to-job-error';

/**
 * The expiry queue's processor: one delayed job per request, due at its expiresAt. A job that
 * runs early (clocks differ between machines) waits again instead of expiring too soon; one for an
 * operation already approved, denied or cancelled does nothing. Expiring is idempotent: any
 * failure is retried.
 */
export function expireRequestProcessor(deps: LifeboatDeps) {
  return async (job: Job<ExpiryJobData>, token?: string): Promise<string> => {
    const operationId = job.data?.operationId;
    if (typeof operationId !== 'string' || operationId === '') {
      throw new UnrecoverableError(`expiry job ${job.id ?? '?'} has no operationId`);
    }
    try {
      const result = await expireRequest(deps, operationId);
      if (result.outcome === 'not_yet') {
        const atMs = deps.clock.now().toMillis() + Math.max(1000, result.remainingMs);
        await job.moveToDelayed(atMs, token);
        throw new DelayedError();
      }
      return result.outcome;
    } catch (error) {
      throw toJobError(error, JobRetry.Always);
    }
  };
}
