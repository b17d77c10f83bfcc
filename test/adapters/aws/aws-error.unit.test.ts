import { fieldNamedIn, toLifeboatError } from '../../../src/adapters/aws/aws-error';
import { ErrorCode, LifeboatError } from '../../../src/errors';

function sdkError(
  name: string,
  message = 'message',
  status?: number,
  fault: 'client' | 'server' = 'client',
) {
  return Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 },
  });
}

const context = {
  action: 'backup:StartRestoreJob',
  resource: 'arn:aws:backup:eu-central-1:111122223333:recovery-point:rp-1',
  region: 'eu-central-1',
};

describe('toLifeboatError', () => {
  it.each([
    ['AccessDeniedException', 403, ErrorCode.AwsAccessDenied, false],
    ['AccessDenied', 403, ErrorCode.AwsAccessDenied, false],
    ['ValidationException', 400, ErrorCode.AwsValidation, false],
    ['InvalidParameterValueException', 400, ErrorCode.AwsValidation, false],
    ['MissingParameterValueException', 400, ErrorCode.AwsValidation, false],
    ['InvalidChangeBatch', 400, ErrorCode.AwsValidation, false],
    ['InvalidInput', 400, ErrorCode.AwsValidation, false],
    ['ResourceNotFoundException', 400, ErrorCode.AwsNotFound, false],
    ['NoSuchHostedZone', 404, ErrorCode.AwsNotFound, false],
    ['NoSuchChange', 404, ErrorCode.AwsNotFound, false],
    ['NoSuchHealthCheck', 404, ErrorCode.AwsNotFound, false],
    ['DBInstanceNotFound', 404, ErrorCode.AwsNotFound, false],
    ['DBInstanceNotFoundFault', 404, ErrorCode.AwsNotFound, false],
    ['ThrottlingException', 400, ErrorCode.AwsThrottled, true],
    ['Throttling', 400, ErrorCode.AwsThrottled, true],
    ['TooManyRequestsException', 429, ErrorCode.AwsThrottled, true],
    ['PriorRequestNotComplete', 400, ErrorCode.AwsThrottled, true],
    ['ServiceUnavailable', 503, ErrorCode.AwsUnavailable, true],
    ['SomethingNew', 502, ErrorCode.AwsUnavailable, true],
    ['ConflictException', 409, ErrorCode.AwsConflict, true],
  ] as const)('maps %s (HTTP %s) to %s', (name, status, code, retryable) => {
    const error = toLifeboatError(sdkError(name, 'message', status), context);
    expect(error).toBeInstanceOf(LifeboatError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.meta).toMatchObject({
      action: context.action,
      awsError: name,
      httpStatusCode: status,
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('names the IAM action and the resource when access is denied', () => {
    const error = toLifeboatError(
      sdkError('AccessDeniedException', 'not authorized', 403),
      context,
    );
    expect(error.message).toContain(`needs backup:StartRestoreJob on ${context.resource}`);
  });

  it('names the field a validation message names', () => {
    const error = toLifeboatError(
      sdkError(
        'ValidationException',
        "1 validation error detected: Value null at 'iamRoleArn' failed to satisfy constraint",
      ),
      context,
    );
    expect(error.meta.field).toBe('iamRoleArn');
    expect(error.message).toContain('field iamRoleArn');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'])(
    'maps a network error %s to aws_unavailable',
    (code) => {
      const error = toLifeboatError(Object.assign(new Error(`connect ${code}`), { code }), context);
      expect(error.code).toBe(ErrorCode.AwsUnavailable);
      expect(error.retryable).toBe(true);
      expect(error.meta.networkCode).toBe(code);
    },
  );

  it('finds a network error inside an AggregateError or a cause', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ::1:4566'), {
      code: 'ECONNREFUSED',
    });
    expect(toLifeboatError(new AggregateError([inner]), context).code).toBe(
      ErrorCode.AwsUnavailable,
    );
    expect(toLifeboatError(new Error('wrapped', { cause: inner }), context).code).toBe(
      ErrorCode.AwsUnavailable,
    );
  });

  it('maps SDK timeouts to aws_unavailable', () => {
    const timeout = Object.assign(new Error('request socket timed out'), { name: 'TimeoutError' });
    expect(toLifeboatError(timeout, context).code).toBe(ErrorCode.AwsUnavailable);
  });

  it('keeps a LifeboatError as it is', () => {
    const original = new LifeboatError(ErrorCode.AwsConflict, 'already');
    expect(toLifeboatError(original, context)).toBe(original);
  });

  it('reports anything else as internal, not retryable', () => {
    const error = toLifeboatError('weird', context);
    expect(error.code).toBe(ErrorCode.Internal);
    expect(error.retryable).toBe(false);
  });
});

describe('fieldNamedIn', () => {
  it.each([
    ["Value null at 'backupVaultName' failed to satisfy constraint", 'backupVaultName'],
    ['Invalid value for parameter Metadata', 'Metadata'],
    ['RecoveryPointArn is required', 'RecoveryPointArn'],
    ['Something went wrong', undefined],
  ])('%s → %s', (message, field) => {
    expect(fieldNamedIn(message)).toBe(field);
  });
});
