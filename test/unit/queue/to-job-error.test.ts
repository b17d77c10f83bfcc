import { DelayedError, UnrecoverableError } from 'bullmq';
import { ErrorCode, LifeboatError } from '../../../src/errors';
import { toJobError } from '../../../src/queue/to-job-error';

describe('toJobError', () => {
  it('lets a delayed job wait', () => {
    const delayed = new DelayedError();
    expect(toJobError(delayed)).toBe(delayed);
  });

  it('hands a retryable error back for BullMQ to retry', () => {
    const throttled = new LifeboatError(ErrorCode.AwsThrottled, 'slow down', { retryable: true });
    expect(toJobError(throttled)).toBe(throttled);
  });

  it.each([
    new LifeboatError(ErrorCode.AwsAccessDenied, 'the role needs backup:StartBackupJob'),
    new Error('something unexpected'),
  ])('fails the job at once for what a retry cannot fix (%s)', (error) => {
    const mapped = toJobError(error);
    expect(mapped).toBeInstanceOf(UnrecoverableError);
    expect(mapped.message).toBe(error.message);
  });
});
