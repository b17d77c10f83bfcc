import { DelayedError, UnrecoverableError } from 'bullmq';
import { asLifeboatError, ErrorCode, LifeboatError } from '../errors';

/** Which failures of a processor BullMQ retries (within the job's attempts). */
export const JobRetry = {
  /** Only a LifeboatError marked retryable: anything else cannot succeed by repeating it. */
  AsMarked: 'as-marked',
  /**
   * Every failure: the job resumes from durable state (an operation's progress, a request's
   * state), so another attempt is safe, and the job's attempts bound the repeats.
   */
  Always: 'always',
} as const;
export type JobRetry = (typeof JobRetry)[keyof typeof JobRetry];

/**
 * What a processor throws for an error: BullMQ's DelayedError as it is (the job waits, it did not
 * fail) and an UnrecoverableError as it is (bad job data fails at once). Then, as `retry` says:
 * an error for BullMQ to retry with back-off, or an UnrecoverableError so the job fails at once
 * instead of repeating what cannot succeed.
 */
export function toJobError(error: unknown, retry: JobRetry = JobRetry.AsMarked): Error {
  if (error instanceof DelayedError || error instanceof UnrecoverableError) return error;
  // A stored record that cannot be read reads the same on every attempt, whatever the policy.
  if (error instanceof LifeboatError && error.code === ErrorCode.StoredRecordInvalid) {
    return new UnrecoverableError(error.message);
  }
  if (retry === JobRetry.Always) return error instanceof Error ? error : asLifeboatError(error);
  const lifeboatError = asLifeboatError(error);
  return lifeboatError.retryable ? lifeboatError : new UnrecoverableError(lifeboatError.message);
}
