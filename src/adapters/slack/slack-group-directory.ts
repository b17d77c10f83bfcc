import { WebClient } from '@slack/web-api';
import type { GroupDirectory } from '../../approval/authorizer';
import { ErrorCode, LifeboatError } from '../../errors';
import { slackErrorCode } from '../../slack/slack-call';

export interface SlackGroupDirectoryOptions {
  /** How long an answer is used without asking Slack again. */
  ttlMs?: number;
  /** A fresh read within this long of the last one reuses it (an outsider cannot flood Slack). */
  minRefreshMs?: number;
  nowMs?: () => number;
}

interface Cached<T> {
  atMs: number;
  value: T;
}

/**
 * User-group members from Slack (`usergroups.list` for handle → id, `usergroups.users.list` for
 * the members), cached briefly. Concurrent reads of one group share one call.
 */
export function createSlackGroupDirectory(
  client: WebClient,
  { ttlMs = 60_000, minRefreshMs = 5_000, nowMs = Date.now }: SlackGroupDirectoryOptions = {},
): GroupDirectory {
  let handles: Cached<Map<string, string>> | undefined;
  const members = new Map<string, Cached<readonly string[]>>();
  const inFlight = new Map<string, Promise<readonly string[]>>();

  const usable = <T>(entry: Cached<T> | undefined, fresh: boolean): entry is Cached<T> =>
    entry !== undefined && nowMs() - entry.atMs < (fresh ? minRefreshMs : ttlMs);

  async function groupId(handle: string, fresh: boolean): Promise<string | undefined> {
    if (!usable(handles, fresh) || (!handles.value.has(handle) && !usable(handles, true))) {
      const listed = await call(
        () => client.usergroups.list({ include_disabled: false }),
        'usergroups.list',
      );
      const map = new Map<string, string>();
      for (const group of listed.usergroups ?? []) {
        if (group.handle && group.id) map.set(group.handle.toLowerCase(), group.id);
      }
      handles = { atMs: nowMs(), value: map };
    }
    return handles.value.get(handle);
  }

  async function load(handle: string, fresh: boolean): Promise<readonly string[]> {
    const id = await groupId(handle, fresh);
    if (id === undefined) return [];
    const listed = await call(
      () => client.usergroups.users.list({ usergroup: id }),
      'usergroups.users.list',
    );
    const users = listed.users ?? [];
    members.set(handle, { atMs: nowMs(), value: users });
    return users;
  }

  return {
    async members(rawHandle, { fresh }) {
      const handle = rawHandle.replace(/^@/, '').toLowerCase();
      const cached = members.get(handle);
      if (usable(cached, fresh)) return cached.value;
      const key = `${handle}:${fresh}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = load(handle, fresh).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

/**
 * A directory of its own for a process that has a bot token but no Bolt app (the workers, which
 * check group members again before an operation runs): a Web API client that gives up quickly
 * (a few retries, 10 s per call) instead of queueing behind a rate limit for minutes.
 */
export function createSlackGroupDirectoryForToken(
  botToken: string,
  options: SlackGroupDirectoryOptions & { slackApiUrl?: string } = {},
): GroupDirectory {
  const { slackApiUrl, ...cache } = options;
  const client = new WebClient(botToken, {
    ...(slackApiUrl
      ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` }
      : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  });
  return createSlackGroupDirectory(client, cache);
}

async function call<T extends { ok?: boolean; error?: string }>(
  fn: () => Promise<T>,
  method: string,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new LifeboatError(
      ErrorCode.SlackError,
      `Slack's ${method} failed (${slackErrorCode(error)})`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
}
