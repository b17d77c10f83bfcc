/** The people, groups and channels of a workspace, as the Web API describes them. */
import { withBlockIds } from './with-block-ids';

export interface SlackUser {
  id: string;
  /** The handle: `alice`. */
  name: string;
  realName: string;
  title: string;
  /** Avatar colour on the page. */
  color: string;
  isBot?: boolean;
}

export interface SlackUserGroup {
  id: string;
  /** Without the `@`: `oncall`. */
  handle: string;
  name: string;
  users: string[];
}

export interface SlackChannel {
  id: string;
  name: string;
  topic: string;
}

export interface SlackMessage {
  ts: string;
  channel: string;
  /** The author: a user id, or the bot's user id. */
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  replyCount: number;
  latestReply?: string;
  /** Set on ephemeral messages: the one user who sees it. */
  visibleTo?: string;
  editedTs?: string;
}

export interface WorkspaceSeed {
  teamId: string;
  /** The Slack app the bot is (api_app_id of every request, app_id of auth.test). */
  appId: string;
  teamName: string;
  bot: SlackUser & { botId: string };
  users: SlackUser[];
  groups: SlackUserGroup[];
  channels: SlackChannel[];
}

export interface WorkspaceSnapshot {
  version: number;
  teamName: string;
  bot: SlackUser & { botId: string };
  users: SlackUser[];
  groups: SlackUserGroup[];
  channels: SlackChannel[];
  /** Every channel message and reply, plus the viewer's own ephemeral messages. */
  messages: SlackMessage[];
  /** The App Home view the bot published for the viewer, if any. */
  homeView?: unknown;
}

export interface SlackWorkspace {
  readonly seed: WorkspaceSeed;
  user(id: string): SlackUser | undefined;
  group(id: string): SlackUserGroup | undefined;
  channel(id: string): SlackChannel | undefined;
  message(channel: string, ts: string): SlackMessage | undefined;
  post(input: {
    channel: string;
    user: string;
    text: string;
    blocks?: unknown[];
    threadTs?: string;
    visibleTo?: string;
  }): SlackMessage;
  update(
    channel: string,
    ts: string,
    change: { text?: string; blocks?: unknown[] },
  ): SlackMessage | undefined;
  remove(channel: string, ts: string): boolean;
  publishView(userId: string, view: unknown): void;
  view(userId: string): unknown;
  snapshot(viewer: string): WorkspaceSnapshot;
  /** Empties every channel and view: a fresh game day. */
  clear(): void;
  /** Called after every change, with the new version. */
  subscribe(listener: (version: number) => void): () => void;
}

/**
 * An in-memory Slack workspace: what the local Web API writes and the channel page reads.
 * Message timestamps are Slack's `seconds.micro` strings, strictly increasing.
 */
export function createSlackWorkspace(
  seed: WorkspaceSeed,
  nowMs: () => number = Date.now,
): SlackWorkspace {
  let messages: SlackMessage[] = [];
  const views = new Map<string, unknown>();
  const listeners = new Set<(version: number) => void>();
  let version = 0;
  let lastMicros = 0;

  const nextTs = (): string => {
    lastMicros = Math.max(lastMicros + 1, nowMs() * 1000);
    const seconds = Math.floor(lastMicros / 1_000_000);
    const micros = String(lastMicros % 1_000_000).padStart(6, '0');
    return `${seconds}.${micros}`;
  };
  const changed = () => {
    version += 1;
    for (const listener of listeners) listener(version);
  };
  const find = (channel: string, ts: string) =>
    messages.find((m) => m.channel === channel && m.ts === ts);

  return {
    seed,
    user: (id) => [seed.bot, ...seed.users].find((u) => u.id === id),
    group: (id) => seed.groups.find((g) => g.id === id || g.handle === id.replace(/^@/, '')),
    channel: (id) => seed.channels.find((c) => c.id === id || c.name === id.replace(/^#/, '')),
    message: find,

    post({ channel, user, text, blocks, threadTs, visibleTo }) {
      const message: SlackMessage = {
        ts: nextTs(),
        channel,
        user,
        ...(user === seed.bot.id ? { botId: seed.bot.botId } : {}),
        text,
        ...(blocks ? { blocks: withBlockIds(blocks) } : {}),
        replyCount: 0,
        ...(visibleTo ? { visibleTo } : {}),
      };
      const parent = threadTs ? find(channel, threadTs) : undefined;
      if (parent) {
        // A reply to a reply joins the parent's thread, as in Slack.
        const root =
          parent.threadTs && parent.threadTs !== parent.ts
            ? find(channel, parent.threadTs)
            : parent;
        const rootTs = root?.ts ?? parent.ts;
        message.threadTs = rootTs;
        if (root && !visibleTo) {
          root.threadTs = rootTs;
          root.replyCount += 1;
          root.latestReply = message.ts;
        }
      }
      messages.push(message);
      changed();
      return message;
    },

    update(channel, ts, change) {
      const message = find(channel, ts);
      if (!message) return undefined;
      if (change.text !== undefined) message.text = change.text;
      if (change.blocks !== undefined) message.blocks = withBlockIds(change.blocks);
      message.editedTs = nextTs();
      changed();
      return message;
    },

    remove(channel, ts) {
      const before = messages.length;
      messages = messages.filter((m) => !(m.channel === channel && m.ts === ts));
      if (messages.length === before) return false;
      changed();
      return true;
    },

    publishView(userId, view) {
      const blocks = (view as { blocks?: unknown } | undefined)?.blocks;
      views.set(
        userId,
        Array.isArray(blocks) ? { ...(view as object), blocks: withBlockIds(blocks) } : view,
      );
      changed();
    },
    view: (userId) => views.get(userId),

    snapshot(viewer) {
      const homeView = views.get(viewer);
      return {
        version,
        teamName: seed.teamName,
        bot: seed.bot,
        users: seed.users,
        groups: seed.groups,
        channels: seed.channels,
        messages: messages.filter((m) => !m.visibleTo || m.visibleTo === viewer),
        ...(homeView !== undefined ? { homeView } : {}),
      };
    },

    clear() {
      messages = [];
      views.clear();
      changed();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
