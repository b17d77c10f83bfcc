/** Slack answered 429: the caller's lane waits `retryAfterMs` (Retry-After) before its next call. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}
