import { createHash } from 'node:crypto';

/**
 * The IdempotencyToken for a Start* call, derived from what the call is for, so that a retried
 * step sends the same token and AWS returns the job it already started instead of a second one.
 * Shaped as a UUID (version 5 layout); the SDK does not fill the token in by itself, and AWS
 * Backup asks only for a string, so the adapters pass it on as it is.
 */
export function idempotencyToken(operationId: string, step: string, resourceArn: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify(['lifeboat', operationId, step, resourceArn]))
    .digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
