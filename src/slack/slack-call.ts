import { ErrorCode as WebApiErrorCode } from '@slack/web-api';
import { RateLimited } from './rate-limited';

/**
 * A Web API call whose 429 becomes a RateLimited for the caller's lane (the client is built with
 * `rejectRateLimitedCalls`, so it never pauses its whole queue).
 */
export async function slackCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const e = error as { code?: string; retryAfter?: number };
    if (e.code === WebApiErrorCode.RateLimitedError) {
      throw new RateLimited(Math.max(1, e.retryAfter ?? 1) * 1000);
    }
    throw error;
  }
}

/** Slack's error code of a failed call (`channel_not_found`), or its message. */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; message?: string };
  return e.data?.error ?? e.message ?? String(error);
}
