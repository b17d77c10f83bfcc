import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../src/http/read-body';
import { eventually } from './eventually';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** performance.now() when it arrived. */
  atMs: number;
  /** The HTTP status answered. */
  status: number;
  /** The Web API error answered (`ok: false`), if any. */
  error?: string;
}

export interface FailureRule {
  method: string;
  /** Only calls to this channel. */
  channel?: string;
  /** The Web API error code answered, e.g. `not_in_channel`. */
  error: string;
  /** How many calls fail before the rule lapses; default: every one until reset. */
  times?: number;
}

export interface RateLimitRule {
  method: string;
  /** Only calls about this message (chat.update's ts). */
  ts?: string;
  retryAfterSeconds: number;
  /** How many calls get 429 before the rule lapses; default 1. */
  times?: number;
}

export interface UserGroup {
  id: string;
  handle: string;
  users: string[];
}

export interface SlackApiRecorder {
  /** The Web API base URL to give the client (SLACK_API_URL), ending in `/api/`. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  rateLimit(rule: RateLimitRule): void;
  /** Answers matching calls `ok: false` with the rule's error, `times` times or until reset. */
  failCalls(rule: FailureRule): void;
  setUserGroups(groups: UserGroup[]): void;
  /** The WebSocket URL that apps.connections.open hands a Socket Mode client. */
  setSocketModeUrl(url: string): void;
  /** Waits until `count` calls to `method` have been recorded. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Slack's Web API that records every call: chat.postMessage, chat.update,
 * chat.postEphemeral, views.publish, usergroups.list, usergroups.users.list, auth.test,
 * apps.connections.open (Socket Mode), and response_url posts. It answers `ok: true` with fresh `ts` values, and 429 with Retry-After where
 * a rule says so.
 */
export async function startSlackApiRecorder(
  options: {
    /** More or other fields of the auth.test answer (an org-wide install, another app id). */
    authTest?: Record<string, unknown>;
  } = {},
): Promise<SlackApiRecorder> {
  const calls: RecordedCall[] = [];
  let rules: (RateLimitRule & { left: number })[] = [];
  let groups: UserGroup[] = [];
  let socketModeUrl: string | undefined;
  let failures: (FailureRule & { left: number })[] = [];
  let seq = 100;
  const nextTs = () => `1767225600.${String(++seq).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const args = parseArgs(raw, req.headers['content-type'] ?? '');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const method = path.startsWith('/response') ? 'response_url' : path.replace(/^\/api\//, '');
      const rule = rules.find(
        (r) => r.left > 0 && r.method === method && (r.ts === undefined || r.ts === args.ts),
      );
      if (rule) {
        rule.left -= 1;
        calls.push({ method, args, atMs: performance.now(), status: 429 });
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(rule.retryAfterSeconds),
        });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const failure = failures.find(
        (f) =>
          f.left > 0 &&
          f.method === method &&
          (f.channel === undefined || f.channel === args.channel),
      );
      if (failure) {
        failure.left -= 1;
        calls.push({ method, args, atMs: performance.now(), status: 200, error: failure.error });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: failure.error }));
        return;
      }
      calls.push({ method, args, atMs: performance.now(), status: 200 });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(method, args)));
    })();
  });

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'lifeboat',
          team_id: 'T0TEAM',
          user_id: 'U0LIFEBOAT',
          bot_id: 'B0LIFEBOAT',
          app_id: 'A0LIFEBOAT',
          is_enterprise_install: false,
          ...options.authTest,
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', ...(args.view as object) } };
      case 'usergroups.list':
        return {
          ok: true,
          usergroups: groups.map((g) => ({ id: g.id, handle: g.handle, name: g.handle })),
        };
      case 'usergroups.users.list': {
        const group = groups.find((g) => g.id === args.usergroup);
        return group ? { ok: true, users: group.users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'response_url':
        return { ok: true };
      case 'apps.connections.open':
        return socketModeUrl
          ? { ok: true, url: socketModeUrl }
          : { ok: false, error: 'not_allowed_token_type' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const recorder: SlackApiRecorder = {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response`,
    calls,
    callsTo: (method) =>
      calls.filter((c) => c.method === method && c.status === 200 && c.error === undefined),
    rateLimit(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 });
    },
    failCalls(rule) {
      failures.push({ ...rule, left: rule.times ?? Infinity });
    },
    setUserGroups(next) {
      groups = next;
    },
    setSocketModeUrl(url) {
      socketModeUrl = url;
    },
    waitFor(method, count = 1, timeoutMs = 10_000) {
      return eventually(
        () => (recorder.callsTo(method).length >= count ? recorder.callsTo(method) : undefined),
        {
          timeoutMs,
          everyMs: 10,
          what: `${count} ${method} call(s)`,
          seen: () => `got ${recorder.callsTo(method).length}`,
        },
      );
    },
    reset() {
      calls.length = 0;
      rules = [];
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return recorder;
}

/** The Web API client sends form fields, with blocks and views as JSON strings; response_url gets JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
