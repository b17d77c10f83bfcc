import type { BackupClientConfig } from '@aws-sdk/client-backup';

/**
 * What the composition root tells every AWS adapter. Nothing here reads the environment: without
 * `endpoint`, the SDK applies its own `AWS_ENDPOINT_URL` handling; without `credentials`, its
 * default provider chain.
 */
export interface AwsClientOptions {
  /** Overrides the service endpoint (the emulator's URL, in the sandbox and in tests). */
  endpoint?: string;
  credentials?: BackupClientConfig['credentials'];
  /** Attempts per call, first one included; throttling, 5xx and network errors are retried. */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  /** How long to wait for a TCP connection: a dark region fails in bounded time. */
  connectionTimeoutMs?: number;
  /** How long one attempt may take, response included. */
  requestTimeoutMs?: number;
}

const AWS_CLIENT_DEFAULTS = {
  maxAttempts: 4,
  retryMode: 'standard',
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 10_000,
} as const;

/** The SDK client configuration shared by every service: region, endpoint, retries, timeouts. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: BackupClientConfig['credentials'];
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  requestHandler: {
    connectionTimeout: number;
    requestTimeout: number;
    throwOnRequestTimeout: true;
  };
}

export function awsClientConfig(region: string, options: AwsClientOptions): AwsClientConfig {
  return {
    region,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? AWS_CLIENT_DEFAULTS.maxAttempts,
    retryMode: options.retryMode ?? AWS_CLIENT_DEFAULTS.retryMode,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? AWS_CLIENT_DEFAULTS.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? AWS_CLIENT_DEFAULTS.requestTimeoutMs,
      // Without it the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
  };
}
