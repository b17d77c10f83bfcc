import { jsonParam, stringParam } from '../http/parse-params';
import type { SlackMessage, SlackUser, SlackWorkspace } from './slack-workspace';

type Result =
  { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };
type Params = Record<string, unknown>;

const fail = (error: string): Result => ({ ok: false, error });

/** A message as the Web API returns it. */
export function messageJson(message: SlackMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: message.ts,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId } : {}),
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.replyCount
      ? { reply_count: message.replyCount, latest_reply: message.latestReply }
      : {}),
    ...(message.editedTs ? { edited: { user: message.user, ts: message.editedTs } } : {}),
  };
}

function userJson(user: SlackUser, teamId: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.realName,
    deleted: false,
    is_bot: user.isBot ?? false,
    is_admin: false,
    tz: 'Europe/London',
    profile: {
      real_name: user.realName,
      display_name: user.realName,
      title: user.title,
    },
  };
}

function blocksParam(params: Params): { blocks?: unknown[]; invalid: boolean } {
  if (params.blocks === undefined) return { invalid: false };
  const blocks = jsonParam(params.blocks);
  if (!Array.isArray(blocks)) return { invalid: true };
  return { blocks, invalid: false };
}

/**
 * What chat.postMessage and chat.postEphemeral (with `visibleTo`) share: text and/or blocks,
 * optionally in a thread, posted as the bot. Returns the message, or Slack's error code.
 */
function postAsBot(
  workspace: SlackWorkspace,
  channelId: string,
  params: Params,
  visibleTo?: string,
): SlackMessage | string {
  const text = stringParam(params.text) ?? '';
  const { blocks, invalid } = blocksParam(params);
  if (invalid) return 'invalid_blocks';
  if (!text && !blocks) return 'no_text';
  const threadTs = stringParam(params.thread_ts);
  return workspace.post({
    channel: channelId,
    user: workspace.seed.bot.id,
    text,
    ...(visibleTo !== undefined ? { visibleTo } : {}),
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
}

/**
 * The Web API methods Lifeboat calls, answered from the in-memory workspace with Slack's own
 * result shapes and error codes.
 */
export function callSlackMethod(workspace: SlackWorkspace, method: string, params: Params): Result {
  const { seed } = workspace;
  const channelOf = (name: string) => {
    const id = stringParam(params[name]);
    return id ? workspace.channel(id) : undefined;
  };

  switch (method) {
    case 'api.test':
      return { ok: true, args: params };

    case 'auth.test':
      return {
        ok: true,
        url: 'http://localhost/',
        team: seed.teamName,
        user: seed.bot.name,
        team_id: seed.teamId,
        user_id: seed.bot.id,
        bot_id: seed.bot.botId,
        app_id: seed.appId,
        is_enterprise_install: false,
      };

    case 'chat.postMessage': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const message = postAsBot(workspace, channel.id, params);
      if (typeof message === 'string') return fail(message);
      return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message) };
    }

    case 'chat.update': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const ts = stringParam(params.ts) ?? '';
      const { blocks, invalid } = blocksParam(params);
      if (invalid) return fail('invalid_blocks');
      const text = stringParam(params.text);
      const existing = workspace.message(channel.id, ts);
      if (!existing) return fail('message_not_found');
      if (existing.user !== seed.bot.id) return fail('cant_update_message');
      const message = workspace.update(channel.id, ts, {
        ...(text !== undefined ? { text } : {}),
        ...(blocks ? { blocks } : {}),
      });
      if (!message) return fail('message_not_found');
      return {
        ok: true,
        channel: channel.id,
        ts,
        text: message.text,
        message: messageJson(message),
      };
    }

    case 'chat.postEphemeral': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const userId = stringParam(params.user) ?? '';
      if (!workspace.user(userId)) return fail('user_not_found');
      const message = postAsBot(workspace, channel.id, params, userId);
      if (typeof message === 'string') return fail(message);
      return { ok: true, message_ts: message.ts };
    }

    case 'chat.delete': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const ts = stringParam(params.ts) ?? '';
      return workspace.remove(channel.id, ts)
        ? { ok: true, channel: channel.id, ts }
        : fail('message_not_found');
    }

    case 'chat.getPermalink': {
      const channel = channelOf('channel');
      const ts = stringParam(params.message_ts) ?? '';
      if (!channel || !workspace.message(channel.id, ts)) return fail('message_not_found');
      return {
        ok: true,
        channel: channel.id,
        permalink: `/#${channel.id}/p${ts.replace('.', '')}`,
      };
    }

    case 'views.publish': {
      const userId = stringParam(params.user_id) ?? '';
      if (!workspace.user(userId)) return fail('user_not_found');
      const view = jsonParam(params.view);
      if (!view || typeof view !== 'object' || (view as { type?: unknown }).type !== 'home') {
        return fail('invalid_arguments');
      }
      const published = {
        ...(view as Record<string, unknown>),
        id: `V0HOME${userId}`,
        team_id: seed.teamId,
      };
      workspace.publishView(userId, published);
      return { ok: true, view: workspace.view(userId) };
    }

    case 'usergroups.list': {
      const includeUsers = String(params.include_users) === 'true';
      return {
        ok: true,
        usergroups: seed.groups.map((g) => ({
          id: g.id,
          team_id: seed.teamId,
          handle: g.handle,
          name: g.name,
          is_usergroup: true,
          user_count: g.users.length,
          ...(includeUsers ? { users: g.users } : {}),
        })),
      };
    }

    case 'usergroups.users.list': {
      const group = workspace.group(stringParam(params.usergroup) ?? '');
      return group ? { ok: true, users: group.users } : fail('no_such_subteam');
    }

    case 'users.info': {
      const user = workspace.user(stringParam(params.user) ?? '');
      return user ? { ok: true, user: userJson(user, seed.teamId) } : fail('user_not_found');
    }

    case 'users.list':
      return { ok: true, members: [seed.bot, ...seed.users].map((u) => userJson(u, seed.teamId)) };

    case 'conversations.info': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      return {
        ok: true,
        channel: {
          id: channel.id,
          name: channel.name,
          is_channel: true,
          is_private: false,
          is_member: true,
          is_archived: false,
          topic: { value: channel.topic },
        },
      };
    }

    case 'conversations.history': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const messages = workspace
        .snapshot('')
        .messages.filter((m) => m.channel === channel.id && (!m.threadTs || m.threadTs === m.ts))
        .reverse()
        .map(messageJson);
      return { ok: true, messages, has_more: false };
    }

    case 'conversations.replies': {
      const channel = channelOf('channel');
      if (!channel) return fail('channel_not_found');
      const ts = stringParam(params.ts) ?? '';
      const messages = workspace
        .snapshot('')
        .messages.filter((m) => m.channel === channel.id && (m.ts === ts || m.threadTs === ts))
        .map(messageJson);
      return messages.length ? { ok: true, messages, has_more: false } : fail('thread_not_found');
    }

    default:
      return fail('unknown_method');
  }
}
