import { randomBytes } from 'node:crypto';
import type { ResponseUrls } from './response-urls';
import type { SlackWorkspace } from './slack-workspace';
import { signSlackRequest } from './sign-slack-request';

/** Slack's own deadline for an acknowledgement. */
const ACK_DEADLINE_MS = 3_000;
export const SLACKBOT = 'USLACKBOT';

export interface DeliveryResult {
  ok: boolean;
  /** What the user saw instead, when Slack could not deliver. */
  error?: string;
}

export interface ClickedButton {
  userId: string;
  actionId: string;
  blockId: string;
  value?: string;
  /** A button on a channel message… */
  channel?: string;
  messageTs?: string;
  /** …or on the user's App Home. */
  inHome?: boolean;
}

interface Button {
  type: string;
  action_id?: string;
  value?: string;
  style?: string;
  text?: unknown;
}

const randomId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex').toUpperCase()}`;

function findButton(blocks: unknown, blockId: string, actionId: string): Button | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as { block_id?: string; elements?: Button[]; accessory?: Button }[]) {
    if (block.block_id !== blockId) continue;
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const found = elements.find((e) => e.action_id === actionId);
    if (found) return found;
  }
  return undefined;
}

/**
 * How the local Slack reaches the bot: exactly as Slack does, by signed HTTP requests to the
 * bot's request URL (slash commands and interactivity as forms, events as JSON), and by showing
 * the acknowledgement's body, if any, as an ephemeral reply.
 */
export function createSlackDelivery(options: {
  workspace: SlackWorkspace;
  responseUrls: ResponseUrls;
  /** The bot's request URL: `http://127.0.0.1:3000/slack/events`. */
  requestUrl: string;
  signingSecret: string;
  nowMs?: () => number;
}) {
  const { workspace, responseUrls, requestUrl, signingSecret } = options;
  const nowMs = options.nowMs ?? Date.now;
  const { seed } = workspace;
  const { appId } = seed;

  const systemReply = (channel: string, userId: string, text: string) =>
    workspace.post({ channel, user: SLACKBOT, text, visibleTo: userId });

  async function send(
    body: string,
    contentType: string,
  ): Promise<{ status: number; text: string; type: string }> {
    const response = await fetch(requestUrl, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...signSlackRequest(signingSecret, body, nowMs() / 1000),
      },
      body,
      signal: AbortSignal.timeout(ACK_DEADLINE_MS),
    });
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  }

  /** Sends a request whose acknowledgement carries nothing to show. */
  async function deliver(body: string, contentType: string): Promise<DeliveryResult> {
    try {
      const reply = await send(body, contentType);
      return reply.status === 200
        ? { ok: true }
        : { ok: false, error: `bot answered ${reply.status}` };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }

  /** Shows an acknowledgement's body to the user, as Slack does with a slash command's reply. */
  function showAck(channel: string, userId: string, reply: { text: string; type: string }) {
    if (!reply.text.trim()) return;
    let body: { text?: string; blocks?: unknown[]; response_type?: string } = { text: reply.text };
    if (reply.type.includes('json') || reply.text.trimStart().startsWith('{')) {
      try {
        body = JSON.parse(reply.text) as typeof body;
      } catch {
        body = { text: reply.text };
      }
    }
    if (!body.text && !body.blocks) return;
    workspace.post({
      channel,
      user: seed.bot.id,
      text: body.text ?? '',
      ...(body.blocks ? { blocks: body.blocks } : {}),
      ...(body.response_type === 'in_channel' ? {} : { visibleTo: userId }),
    });
  }

  /** Slack's own words when a slash command gets no acknowledgement, or not a 200. */
  function failureText(command: string, error?: unknown): string {
    const timedOut =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return `${command} failed with the error "${timedOut ? 'operation_timeout' : 'dispatch_failed'}"`;
  }

  return {
    /** The user typed `/dr …` in the channel's composer. */
    async slashCommand(input: {
      userId: string;
      channel: string;
      line: string;
    }): Promise<DeliveryResult> {
      const { userId, channel, line } = input;
      const user = workspace.user(userId);
      const conversation = workspace.channel(channel);
      if (!user || !conversation) return { ok: false, error: 'unknown user or channel' };
      const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
      const command = match?.[1] ?? '';
      const text = match?.[2] ?? '';
      if (command !== '/dr') {
        systemReply(
          conversation.id,
          userId,
          `\`${command}\` is not a valid command. In this workspace, the slash command is \`/dr\`: try \`/dr help\`.`,
        );
        return { ok: false, error: 'not a command' };
      }
      const form = new URLSearchParams({
        token: 'sandbox-verification-token',
        team_id: seed.teamId,
        team_domain: 'lifeboat-sandbox',
        channel_id: conversation.id,
        channel_name: conversation.name,
        user_id: user.id,
        user_name: user.name,
        command,
        text,
        api_app_id: appId,
        is_enterprise_install: 'false',
        response_url: responseUrls.create({ channel: conversation.id, userId }),
        trigger_id: `${Date.now()}.${randomId('')}`,
      }).toString();
      try {
        const reply = await send(form, 'application/x-www-form-urlencoded');
        if (reply.status !== 200) {
          systemReply(conversation.id, userId, failureText(command));
          return { ok: false, error: `bot answered ${reply.status}` };
        }
        showAck(conversation.id, userId, reply);
        return { ok: true };
      } catch (error) {
        systemReply(conversation.id, userId, failureText(command, error));
        return { ok: false, error: String(error) };
      }
    },

    /** The user clicked a button (after confirming its dialog, if it has one). */
    async blockAction(click: ClickedButton): Promise<DeliveryResult> {
      const user = workspace.user(click.userId);
      if (!user) return { ok: false, error: 'unknown user' };
      const userJson = { id: user.id, username: user.name, name: user.name, team_id: seed.teamId };
      let where: Record<string, unknown>;
      let button: Button | undefined;
      if (click.inHome) {
        const view = workspace.view(user.id) as { id?: string; blocks?: unknown } | undefined;
        button = findButton(view?.blocks, click.blockId, click.actionId);
        where = {
          container: { type: 'view', view_id: view?.id },
          view,
        };
      } else {
        const channel = workspace.channel(click.channel ?? '');
        const message = channel ? workspace.message(channel.id, click.messageTs ?? '') : undefined;
        if (!channel || !message) return { ok: false, error: 'message not found' };
        button = findButton(message.blocks, click.blockId, click.actionId);
        where = {
          container: {
            type: 'message',
            message_ts: message.ts,
            channel_id: channel.id,
            is_ephemeral: Boolean(message.visibleTo),
          },
          channel: { id: channel.id, name: channel.name },
          message: {
            type: 'message',
            ts: message.ts,
            user: message.user,
            ...(message.botId ? { bot_id: message.botId, app_id: appId } : {}),
            text: message.text,
            blocks: message.blocks ?? [],
            ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          },
          response_url: responseUrls.create({
            channel: channel.id,
            userId: user.id,
            messageTs: message.ts,
          }),
        };
      }
      if (!button) return { ok: false, error: 'no such button' };
      const payload = {
        type: 'block_actions',
        user: userJson,
        api_app_id: appId,
        token: 'sandbox-verification-token',
        trigger_id: `${Date.now()}.${randomId('')}`,
        team: { id: seed.teamId, domain: 'lifeboat-sandbox' },
        enterprise: null,
        is_enterprise_install: false,
        state: { values: {} },
        ...where,
        actions: [
          {
            type: button.type,
            action_id: click.actionId,
            block_id: click.blockId,
            text: button.text,
            ...(button.value !== undefined ? { value: button.value } : {}),
            ...(button.style ? { style: button.style } : {}),
            action_ts: (nowMs() / 1000).toFixed(6),
          },
        ],
      };
      const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return deliver(form, 'application/x-www-form-urlencoded');
    },

    /** The user opened the bot's Home tab. */
    async appHomeOpened(userId: string): Promise<DeliveryResult> {
      if (!workspace.user(userId)) return { ok: false, error: 'unknown user' };
      const eventTs = (nowMs() / 1000).toFixed(6);
      const view = workspace.view(userId);
      const body = JSON.stringify({
        token: 'sandbox-verification-token',
        team_id: seed.teamId,
        api_app_id: appId,
        event: {
          type: 'app_home_opened',
          user: userId,
          channel: `D0${userId.slice(1)}`,
          tab: 'home',
          event_ts: eventTs,
          ...(view ? { view } : {}),
        },
        type: 'event_callback',
        event_id: randomId('Ev0'),
        event_time: Math.floor(nowMs() / 1000),
        authorizations: [
          {
            team_id: seed.teamId,
            user_id: seed.bot.id,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
      });
      return deliver(body, 'application/json');
    },
  };
}

export type SlackDelivery = ReturnType<typeof createSlackDelivery>;
