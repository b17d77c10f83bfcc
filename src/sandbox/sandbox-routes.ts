import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { CustomRoute } from '@slack/bolt';
import type { Config } from '../config/config';
import type { CallJson } from '../emulator/emulator-state';
import type { Logger } from '../logger';
import type { StoredAuditEntry } from '../store/audit-log';
import { buildTimeline } from './build-timeline';
import type { GameDayLog } from './game-day-log';
import { parseParams } from './http/parse-params';
import { readBody } from '../http/read-body';
import { sendJson } from './http/send-json';
import { serveStatic } from './http/serve-static';
import { describeControlCall } from './describe-control-call';
import { sandboxInfo } from './sandbox-info';
import { seedSandboxHistory } from './seed-sandbox-history';
import type { ResponseBody, ResponseUrls } from './slack/response-urls';
import { slackApiHandler } from './slack/slack-api-handler';
import type { SlackDelivery } from './slack/slack-delivery';
import type { SlackWorkspace } from './slack/slack-workspace';

type Request = IncomingMessage & { params?: Record<string, unknown> };

export interface SandboxRoutesOptions {
  config: Config;
  workspace: SlackWorkspace;
  delivery: SlackDelivery;
  responseUrls: ResponseUrls;
  botToken: string;
  /** The AWS emulator's base URL; its control API is under `/_sandbox/`. */
  emulatorUrl: string;
  readAudit: () => Promise<StoredAuditEntry[]>;
  gameDay: GameDayLog;
  logger: Logger;
  publicDir?: string;
}

const PUBLIC_DIR = join(__dirname, 'public');

function param(req: Request, name: string): string {
  const value = req.params?.[name];
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  return parseParams('application/json', await readBody(req));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Everything the sandbox serves next to the bot on one port: the channel page and its assets,
 * the local Slack Web API and response URLs, the page's own API (compose, click, stream) and the
 * game-day controls in front of the emulator. `close()` ends the live streams so the server can stop.
 */
export function createSandboxRoutes(options: SandboxRoutesOptions): {
  routes: CustomRoute[];
  close(): void;
} {
  const { workspace, delivery, responseUrls, gameDay, logger } = options;
  const publicDir = options.publicDir ?? PUBLIC_DIR;
  const streams = new Set<ServerResponse>();

  const handle =
    (fn: (req: Request, res: ServerResponse) => Promise<void>) =>
    (req: Request, res: ServerResponse): void => {
      fn(req, res).catch((error: unknown) => {
        logger.warn({ err: error, path: req.url }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(error) });
        else res.end();
      });
    };
  const nameOf = (userId: string) => workspace.user(userId)?.realName ?? userId;

  const routes: CustomRoute[] = [
    {
      path: '/',
      method: 'GET',
      handler: handle((_req, res) => serveStatic(publicDir, 'index.html', res)),
    },
    {
      path: '/sandbox/assets/:file',
      method: 'GET',
      handler: handle((req, res) => serveStatic(publicDir, param(req, 'file'), res)),
    },
    {
      path: '/sandbox-slack/api/:method',
      method: ['POST', 'GET'],
      handler: slackApiHandler({ workspace, botToken: options.botToken }),
    },
    {
      path: '/sandbox-slack/response/:id',
      method: 'POST',
      handler: handle(async (req, res) => {
        const outcome = responseUrls.respond(
          param(req, 'id'),
          (await jsonBody(req)) as ResponseBody,
        );
        sendJson(res, outcome.status, outcome.body);
      }),
    },
    {
      path: '/sandbox/api/info',
      method: 'GET',
      handler: handle(async (_req, res) => sendJson(res, 200, sandboxInfo(options.config))),
    },
    {
      path: '/sandbox/api/workspace',
      method: 'GET',
      handler: handle(async (req, res) => {
        const viewer = new URL(req.url ?? '/', 'http://localhost').searchParams.get('user') ?? '';
        sendJson(res, 200, workspace.snapshot(viewer));
      }),
    },
    {
      path: '/sandbox/api/stream',
      method: 'GET',
      handler: (req, res) => {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        const send = (version: number) =>
          res.write(`event: change\ndata: ${JSON.stringify({ version })}\n\n`);
        res.write('retry: 1000\n\n');
        send(workspace.snapshot('').version);
        const unsubscribe = workspace.subscribe(send);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        streams.add(res);
        req.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(res);
        });
      },
    },
    {
      path: '/sandbox/api/compose',
      method: 'POST',
      handler: handle(async (req, res) => {
        const body = await jsonBody(req);
        const userId = str(body.user);
        const channel = str(body.channel);
        const text = str(body.text).trim();
        const threadTs = str(body.threadTs);
        if (!workspace.user(userId) || !workspace.channel(channel) || !text) {
          sendJson(res, 400, { ok: false, error: 'user, channel and text are required' });
          return;
        }
        if (text.startsWith('/')) {
          gameDay.add({ source: 'slack', actor: nameOf(userId), text });
          sendJson(res, 200, await delivery.slashCommand({ userId, channel, line: text }));
          return;
        }
        workspace.post({ channel, user: userId, text, ...(threadTs ? { threadTs } : {}) });
        sendJson(res, 200, { ok: true });
      }),
    },
    {
      path: '/sandbox/api/action',
      method: 'POST',
      handler: handle(async (req, res) => {
        const body = await jsonBody(req);
        const userId = str(body.user);
        const label = str(body.label) || str(body.actionId);
        gameDay.add({ source: 'slack', actor: nameOf(userId), text: `clicked ${label}` });
        const result = await delivery.blockAction({
          userId,
          actionId: str(body.actionId),
          blockId: str(body.blockId),
          ...(typeof body.value === 'string' ? { value: body.value } : {}),
          ...(body.inHome === true
            ? { inHome: true }
            : { channel: str(body.channel), messageTs: str(body.messageTs) }),
        });
        sendJson(res, result.ok ? 200 : 400, result);
      }),
    },
    {
      path: '/sandbox/api/home-opened',
      method: 'POST',
      handler: handle(async (req, res) => {
        const body = await jsonBody(req);
        sendJson(res, 200, await delivery.appHomeOpened(str(body.user)));
      }),
    },
    {
      path: '/sandbox/api/clear',
      method: 'POST',
      handler: handle(async (req, res) => {
        const body = await jsonBody(req);
        workspace.clear();
        gameDay.add({
          source: 'game-day',
          actor: nameOf(str(body.user)),
          text: 'cleared the channel',
        });
        sendJson(res, 200, { ok: true });
      }),
    },
    {
      path: '/sandbox/api/reset',
      method: 'POST',
      handler: handle(async (req, res) => {
        const reset = await fetch(`${options.emulatorUrl}/_sandbox/reset`, { method: 'POST' });
        if (!reset.ok) {
          sendJson(res, 502, { ok: false, error: `the emulator answered ${reset.status}` });
          return;
        }
        const seeded = await seedSandboxHistory(options.emulatorUrl, options.config);
        const actor = nameOf(str(req.headers['x-sandbox-user']));
        gameDay.add({
          source: 'game-day',
          actor,
          text: `reset AWS: every region up, no faults, ${seeded} recovery points 20m old`,
        });
        sendJson(res, 200, { ok: true, seeded });
      }),
    },
    {
      path: '/sandbox/api/timeline',
      method: 'GET',
      handler: handle(async (_req, res) => {
        const [audit, calls] = await Promise.all([
          options.readAudit().catch(() => []),
          fetch(`${options.emulatorUrl}/_sandbox/calls`)
            .then(async (r) => ((await r.json()) as { calls?: CallJson[] }).calls ?? [])
            .catch(() => []),
        ]);
        sendJson(res, 200, { entries: buildTimeline({ gameDay: gameDay.list(), audit, calls }) });
      }),
    },
    {
      path: '/sandbox/api/aws/{*path}',
      method: ['GET', 'POST', 'DELETE'],
      handler: handle(async (req, res) => {
        const path = param(req, 'path');
        const search = new URL(req.url ?? '/', 'http://localhost').search;
        const method = req.method ?? 'GET';
        const body = method === 'GET' ? undefined : await readBody(req);
        const response = await fetch(`${options.emulatorUrl}/_sandbox/${path}${search}`, {
          method,
          ...(body !== undefined ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
        });
        const text = await response.text();
        if (method !== 'GET' && response.ok) {
          const actor = nameOf(str(req.headers['x-sandbox-user']));
          gameDay.add({ source: 'game-day', actor, ...describeControlCall(path, body ?? '') });
        }
        res.writeHead(response.status, {
          'Content-Type': response.headers.get('content-type') ?? 'application/json',
          'Cache-Control': 'no-store',
        });
        res.end(text);
      }),
    },
  ];

  return {
    routes,
    close() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
