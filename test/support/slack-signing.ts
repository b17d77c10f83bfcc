import { signSlackRequest } from '../../src/sandbox/slack/sign-slack-request';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's v0 signature, as the sandbox's Slack signs its requests. */
export function slackSignature(
  body: string,
  timestampSec: number,
  secret = TEST_SIGNING_SECRET,
): string {
  return signSlackRequest(secret, body, timestampSec)['X-Slack-Signature'];
}

export interface SignedRequestOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestampSec?: number;
  /** Overrides the signature (a forgery); null sends none. */
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to the bot as Slack would: form-encoded (commands, actions) or JSON (events). */
export async function postToSlackEndpoint(
  url: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  options: SignedRequestOptions = {},
): Promise<{ status: number; text: string; ms: number }> {
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? slackSignature(body, timestampSec, options.secret)
      : options.signature;
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestampSec),
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

let triggers = 0;
/** Slack gives every command and click a trigger id of its own; so do the tests. */
function triggerId(): string {
  triggers += 1;
  return `${Date.now()}.${process.pid}.${triggers}`;
}

/** Where a request comes from; default the test workspace T0TEAM, app A0LIFEBOAT, #dr. */
export interface RequestOrigin {
  teamId?: string;
  /** The Enterprise Grid organization, if any. */
  enterpriseId?: string;
  /** null: a payload without api_app_id. */
  apiAppId?: string | null;
  channelId?: string;
}

/** The form body of a slash command. */
export function slashCommandBody(
  input: {
    text: string;
    userId: string;
    channelId?: string;
    responseUrl?: string;
  } & RequestOrigin,
): string {
  const apiAppId = input.apiAppId === undefined ? 'A0LIFEBOAT' : input.apiAppId;
  return new URLSearchParams({
    token: 'legacy-token',
    team_id: input.teamId ?? 'T0TEAM',
    team_domain: 'example',
    ...(input.enterpriseId
      ? { enterprise_id: input.enterpriseId, enterprise_name: 'Example Org' }
      : {}),
    channel_id: input.channelId ?? 'C0DRCHANNEL',
    channel_name: 'dr',
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: '/dr',
    text: input.text,
    ...(apiAppId !== null ? { api_app_id: apiAppId } : {}),
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? 'http://127.0.0.1:9/response',
    trigger_id: triggerId(),
  }).toString();
}

/** The form body of a button click (block_actions). */
export function blockActionBody(
  input: {
    actionId: string;
    value: string;
    userId: string;
    channelId?: string;
    messageTs?: string;
    responseUrl?: string;
    /** What the clicked message showed; the bot must not trust it. */
    blocks?: unknown[];
  } & RequestOrigin,
): string {
  const teamId = input.teamId ?? 'T0TEAM';
  const apiAppId = input.apiAppId === undefined ? 'A0LIFEBOAT' : input.apiAppId;
  const payload = {
    type: 'block_actions',
    team: { id: teamId, domain: 'example' },
    ...(input.enterpriseId ? { enterprise: { id: input.enterpriseId, name: 'Example Org' } } : {}),
    user: { id: input.userId, username: input.userId.toLowerCase(), team_id: teamId },
    ...(apiAppId !== null ? { api_app_id: apiAppId } : {}),
    token: 'legacy-token',
    container: {
      type: 'message',
      message_ts: input.messageTs ?? '1.1',
      channel_id: input.channelId ?? 'C0DRCHANNEL',
    },
    trigger_id: triggerId(),
    channel: { id: input.channelId ?? 'C0DRCHANNEL', name: 'dr' },
    message: {
      ts: input.messageTs ?? '1.1',
      type: 'message',
      text: '',
      blocks: input.blocks ?? [],
    },
    response_url: input.responseUrl ?? 'http://127.0.0.1:9/response',
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'dr_vote',
        value: input.value,
        text: { type: 'plain_text', text: 'Approve' },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The JSON body of an Events API delivery. */
export function eventCallbackBody(
  event: Record<string, unknown>,
  origin: RequestOrigin = {},
): string {
  const teamId = origin.teamId ?? 'T0TEAM';
  const apiAppId = origin.apiAppId === undefined ? 'A0LIFEBOAT' : origin.apiAppId;
  return JSON.stringify({
    token: 'legacy-token',
    team_id: teamId,
    ...(origin.enterpriseId ? { enterprise_id: origin.enterpriseId } : {}),
    ...(apiAppId !== null ? { api_app_id: apiAppId } : {}),
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        team_id: teamId,
        enterprise_id: origin.enterpriseId ?? null,
        user_id: 'U0LIFEBOAT',
        is_bot: true,
      },
    ],
    event,
  });
}
