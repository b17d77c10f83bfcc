import { ErrorCode, LifeboatError } from '../../errors';

/** What a failed AWS call was doing: the IAM action, and on what. */
export interface AwsCallContext {
  /** The IAM action, e.g. `backup:StartRestoreJob`. */
  action: string;
  resource?: string;
  region?: string;
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'NotAuthorizedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const VALIDATION = new Set([
  'ValidationException',
  'InvalidParameterValueException',
  'InvalidParameterValue',
  'MissingParameterValueException',
  'MissingParameter',
  'InvalidParameterCombination',
  'InvalidRequestException',
  'InvalidChangeBatch',
  'InvalidInput',
  'InvalidArgument',
  'InvalidDomainName',
  'SerializationException',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchHostedZone',
  'HostedZoneNotFound',
  'NoSuchChange',
  'NoSuchHealthCheck',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'TableNotFoundException',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'PriorRequestNotComplete',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);
const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceException',
  'InternalFailure',
  'InternalServerError',
  'InternalServiceError',
  'InternalServerException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);
const CONFLICT = new Set([
  'ConflictException',
  'ConcurrentModification',
  'ResourceInUseException',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/**
 * Turns anything an AWS SDK call threw into a LifeboatError whose code says what to do: fix the
 * IAM policy (aws_access_denied, naming the action), fix the input (aws_validation, naming the
 * field when AWS does), retry later (aws_throttled, aws_unavailable, aws_conflict).
 * The SDK has already retried throttling, 5xx and network errors by the time this runs.
 */
export function toLifeboatError(error: unknown, context: AwsCallContext): LifeboatError {
  if (error instanceof LifeboatError) return error;
  const shape: SdkErrorShape =
    typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const awsMessage =
    typeof shape.message === 'string' && shape.message ? shape.message : String(error);
  const status = shape.$metadata?.httpStatusCode;
  const on = context.resource ? ` on ${context.resource}` : '';
  const inRegion = context.region ? ` in ${context.region}` : '';
  const meta: Record<string, unknown> = {
    action: context.action,
    awsError: name,
    ...(context.resource ? { resource: context.resource } : {}),
    ...(context.region ? { region: context.region } : {}),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(shape.$metadata?.requestId ? { requestId: shape.$metadata.requestId } : {}),
    ...(shape.$metadata?.attempts !== undefined ? { attempts: shape.$metadata.attempts } : {}),
  };
  const make = (
    code: ErrorCode,
    message: string,
    retryable: boolean,
    extra: Record<string, unknown> = {},
  ) => new LifeboatError(code, message, { cause: error, retryable, meta: { ...meta, ...extra } });

  if (ACCESS_DENIED.has(name) || status === 403) {
    return make(
      ErrorCode.AwsAccessDenied,
      `AWS denied ${context.action}${on}${inRegion}: the Lifeboat role needs ${context.action}${on} (${name}: ${awsMessage})`,
      false,
    );
  }
  if (VALIDATION.has(name)) {
    const field = fieldNamedIn(awsMessage);
    const what = field ? ` field ${field}` : ' its input';
    return make(
      ErrorCode.AwsValidation,
      `AWS rejected${what} of ${context.action}${on}${inRegion}: ${awsMessage}`,
      false,
      field ? { field } : {},
    );
  }
  if (NOT_FOUND.has(name) || status === 404) {
    return make(
      ErrorCode.AwsNotFound,
      `${context.action}: not found${on}${inRegion} (${name}: ${awsMessage})`,
      false,
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    return make(
      ErrorCode.AwsThrottled,
      `AWS throttled ${context.action}${inRegion} after retries; try again shortly (${name})`,
      true,
    );
  }
  if (CONFLICT.has(name) || status === 409) {
    return make(
      ErrorCode.AwsConflict,
      `${context.action}${on}${inRegion} conflicts with work in progress: ${awsMessage}`,
      true,
    );
  }
  const networkCode = networkCodeOf(error);
  if (
    UNAVAILABLE.has(name) ||
    networkCode !== undefined ||
    (status !== undefined && status >= 500) ||
    shape.$fault === 'server'
  ) {
    return make(
      ErrorCode.AwsUnavailable,
      `AWS did not answer ${context.action}${inRegion}; the region may be impaired (${networkCode ?? name}: ${awsMessage})`,
      true,
      networkCode ? { networkCode } : {},
    );
  }
  return make(
    ErrorCode.Internal,
    `${context.action}${on}${inRegion} failed: ${name}: ${awsMessage}`,
    false,
  );
}

/** The parameter an AWS validation message names, in the shapes AWS services word them. */
export function fieldNamedIn(message: string): string | undefined {
  const patterns = [
    /at '([A-Za-z][\w.[\]]*)' failed to satisfy/,
    /(?:parameter|field|member)\s+'?([A-Za-z][\w.[\]]*)'?/i,
    /([A-Z][A-Za-z]+) (?:is|are) (?:required|missing|invalid|not valid)/,
    /[Ii]nvalid (?:value for )?([A-Z][A-Za-z]+)/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function networkCodeOf(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const shape = error as SdkErrorShape;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return shape.code;
  if (Array.isArray(shape.errors)) {
    for (const inner of shape.errors) {
      const code = networkCodeOf(inner, depth + 1);
      if (code) return code;
    }
  }
  return networkCodeOf(shape.cause, depth + 1);
}
