import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestampSeconds: number,
): { 'X-Slack-Signature': string; 'X-Slack-Request-Timestamp': string } {
  const timestamp = String(Math.floor(timestampSeconds));
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'X-Slack-Signature': `v0=${digest}`, 'X-Slack-Request-Timestamp': timestamp };
}
