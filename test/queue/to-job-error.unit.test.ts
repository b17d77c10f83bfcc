import { DelayedError, UnrecoverableError } from 'bullmq';
import { ErrorCode, LifeboatError } from '../../src/errors';
import { JobRetry, toJobError } from '../../src/queue/to-job-error';

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

  it('keeps bad job data unrecoverable whatever the policy', () => {
    const bad = new UnrecoverableError('job 7 has no operationId');
    expect(toJobError(bad)).toBe(bad);
    expect(toJobError(bad, JobRetry.Always)).toBe(bad);
  });

  it('retries every other error of a job that resumes from durable state', () => {
    const unexpected = new Error('Connection is closed.');
    const denied = new LifeboatError(
      ErrorCode.AwsAccessDenied,
      'the role needs backup:StartBackupJob',
    );
    expect(toJobError(unexpected, JobRetry.Always)).toBe(unexpected);
    expect(toJobError(denied, JobRetry.Always)).toBe(denied);
    expect(toJobError(new DelayedError(), JobRetry.Always)).toBeInstanceOf(DelayedError);
  });
});
