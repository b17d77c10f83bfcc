import type { AwsError } from './aws-error';
import type { EmulatorRequest, EmulatorResponse, OperationContext } from './emulator-request';

/** One AWS service the emulator speaks: how to name a request's operation, answer it, and fail it. */
export interface AwsService {
  /** The SigV4 signing name: backup, route53, dynamodb, rds. */
  name: string;
  /** The operation a request calls; undefined when the emulator does not know it. */
  operation(request: EmulatorRequest): string | undefined;
  /** The region whose outage stops the call (Route 53's control plane is us-east-1's). */
  effectiveRegion(credentialRegion: string): string;
  handle(operation: string, context: OperationContext): EmulatorResponse;
  errorResponse(error: AwsError, requestId: string): EmulatorResponse;
  /** The errors this service answers for an injected fault or an outage. */
  faults: {
    throttle: () => AwsError;
    internal: () => AwsError;
    unavailable: () => AwsError;
    /** IAM refuses the caller the operation. */
    accessDenied: (operation: string) => AwsError;
  };
}
