/**
 * One error type for everything Lifeboat throws. Expected outcomes (self-approval, an expired
 * request, an RPO breach) are results, not errors. Never put secrets in `message` or `meta`.
 */
export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  SettingInvalid: 'setting_invalid',
  AwsAccessDenied: 'aws_access_denied',
  AwsValidation: 'aws_validation',
  AwsNotFound: 'aws_not_found',
  AwsThrottled: 'aws_throttled',
  AwsUnavailable: 'aws_unavailable',
  AwsConflict: 'aws_conflict',
  AwsJobFailed: 'aws_job_failed',
  SlackError: 'slack_error',
  NotFound: 'not_found',
  Conflict: 'conflict',
  /** A record in Redis that does not parse: its key is in the message and in `meta.key`. */
  StoredRecordInvalid: 'stored_record_invalid',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class LifeboatError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly meta: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; meta?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LifeboatError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.meta = options.meta ?? {};
  }
}

/** Wraps anything thrown into a LifeboatError, keeping one that already is. */
export function asLifeboatError(error: unknown): LifeboatError {
  if (error instanceof LifeboatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LifeboatError(ErrorCode.Internal, message, { cause: error });
}
