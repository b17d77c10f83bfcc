import { DelayedError, UnrecoverableError } from 'bullmq';
import { asLifeboatError } from '../errors';

/**
 * What a processor throws for an error: BullMQ's DelayedError as it is (the job waits, it did not
 * fail), a retryable LifeboatError for BullMQ to retry with back-off, anything else as
 * UnrecoverableError so the job fails at once instead of repeating what cannot succeed.
 */
export function toJobError(error: unknown): Error {
  if (error instanceof DelayedError) return error;
  const lifeboatError = asLifeboatError(error);
  return lifeboatError.retryable ? lifeboatError : new UnrecoverableError(lifeboatError.message);
}
