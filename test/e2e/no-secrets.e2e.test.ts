/**
 * No secret in any output. The AWS emulator, a worker, a bot over HTTP and a bot in Socket Mode
 * run as separate processes, as in production, every one given the same distinctive secrets (the
 * Slack bot token, signing secret and app token, a Redis password in REDIS_URL, AWS keys and a
 * session token, the queue dashboard's password). A failover is requested and approved by two
 * people, with errors on the way: Slack refuses calls (`invalid_auth`), a forged request comes
 * in, the Socket Mode connection drops, Redis's password changes under every connection for a
 * while, AWS answers 5xx (and a second request cannot build its plan) and then fails a restore;
 * a bot whose token Slack refuses fails to start. Then every output is searched for every secret
 * and its obvious encodings: each process's stdout and stderr, every Slack API call, response_url
 * post and Socket Mode frame, the bot's answers to Slack, /healthz, /metrics and /admin/queues
 * wherever they are served, the audit log as `npm run audit` prints it, everything in Redis
 * (BullMQ's job data and failed reasons included) and the emulator's call log and state. The
 * sandbox (`npm start` with no token and no Redis) is searched the same way for the password it
 * generates for its own Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { WebSocketServer, type WebSocket } from 'ws';
import { freePort, startRedisChild, type RedisChild } from '../../src/sandbox/redis-child';
import { eventually } from '../support/eventually';
import { startSlackApiRecorder, type SlackApiRecorder } from '../support/slack-api-recorder';
import { blockActionBody, postToSlackEndpoint, slashCommandBody } from '../support/slack-signing';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** What every process is given. Each value is distinctive, so a hit is never a coincidence. */
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-SECRET-4417-bot-Q7r9KfT2',
  SLACK_SIGNING_SECRET: 'SECRET-signing-8c1f4e2a9b7d3e6f',
  SLACK_APP_TOKEN: 'xapp-1-SECRET-app-5e3bW8m1',
  // `+` and `/`, so that its URL-encoded form differs from it.
  REDIS_PASSWORD: 'SECRET-redis+pw/3f9a2c71',
  AWS_ACCESS_KEY_ID: 'AKIASECRETKEY7Q2XW4',
  AWS_SECRET_ACCESS_KEY: 'SECRET/awsSecretKey+9zW4vTq1',
  AWS_SESSION_TOKEN: 'SECRET-session-IQoJb3JpZ2luX2Vj',
  ADMIN_PASSWORD: 'SECRET-admin-b2c94e17',
} as const;
/** The password Redis is switched to for a while: no process knows it. */
const ROTATED_PASSWORD = 'SECRET-rotated-5d2e8b';

/** Settings the machine's own environment may hold, kept from the processes. */
const INHERITED = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_NAME',
  'DR_CONFIG',
  'DR_PREFIX',
  'AWS_ENDPOINT_URL',
  'AWS_EMULATOR_PORT',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'SANDBOX_HOST',
  'PORT',
  'INTERNAL_PORT',
  'INTERNAL_HOST',
  'ADMIN_PASSWORD',
  'LOG_LEVEL',
];

const SHOP = {
  rds: 'arn:aws:rds:eu-west-1:111122223333:db:shop',
  orders: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
  carts: 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts',
} as const;

/** Everything the system said, by where it said it. */
class Outputs {
  private readonly texts = new Map<string, string>();

  add(where: string, text: string): void {
    this.texts.set(where, (this.texts.get(where) ?? '') + text);
  }

  get(where: string): string {
    return this.texts.get(where) ?? '';
  }

  has(pattern: RegExp): boolean {
    return [...this.texts.keys()].some((where) => pattern.test(where));
  }

  /** `NAME (form) in WHERE: …context…` for each secret, form and output where it appears. */
  find(secrets: Record<string, string>): string[] {
    const hits: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      for (const [form, encoded] of encodings(value)) {
        for (const [where, text] of this.texts) {
          if (text.includes(encoded)) {
            hits.push(`${name} (${form}) in ${where}: ${around(text, encoded)}`);
          }
        }
      }
    }
    return hits;
  }
}

/** The forms a secret takes in a URL, a form, a JSON string or a basic-auth header. */
function encodings(value: string): [string, string][] {
  const base64 = (s: string) => Buffer.from(s).toString('base64');
  const forms: [string, string][] = [
    ['as is', value],
    ['URL-encoded', encodeURIComponent(value)],
    ['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['base64', base64(value)],
    ['base64url', Buffer.from(value).toString('base64url')],
    ['base64 of :value', base64(`:${value}`)],
    ['base64 of default:value', base64(`default:${value}`)],
  ];
  const seen = new Set<string>();
  return forms.filter(([, encoded]) => !seen.has(encoded) && Boolean(seen.add(encoded)));
}

function around(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return JSON.stringify(text.slice(Math.max(0, at - 200), at + needle.length + 40));
}

interface Spawned {
  child: ChildProcess;
  /** Resolves once it has exited and its output is all read. */
  closed: Promise<void>;
}

/** `tsx ARGS`, its stdout and stderr going into `outputs` under its name. */
function spawnCollected(
  outputs: Outputs,
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Spawned {
  const child = spawn(TSX, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => outputs.add(`${name} stdout`, chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => outputs.add(`${name} stderr`, chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { child, closed };
}

/** SIGTERM, then SIGKILL if it has not gone within 15 s. */
async function stopProcess({ child, closed }: Spawned): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await closed;
    clearTimeout(killer);
  }
  await closed;
}

/** The test's environment without any setting of the machine's own. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED) delete env[name];
  return env;
}

/** Every key in a Redis of the test's own, and what it holds whatever its type. */
async function dumpRedis(redis: Redis): Promise<string> {
  const lines: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const read: Record<string, () => Promise<unknown>> = {
        string: () => redis.get(key),
        hash: () => redis.hgetall(key),
        list: () => redis.lrange(key, 0, -1),
        set: () => redis.smembers(key),
        zset: () => redis.zrange(key, '0', '-1', 'WITHSCORES'),
        stream: () => redis.xrange(key, '-', '+'),
      };
      const value = await (read[type] ?? (async () => `(${type})`))();
      lines.push(`${key} ${type} ${JSON.stringify(value)}`);
    }
  } while (cursor !== '0');
  expect(lines.length).toBeGreaterThan(0);
  return lines.join('\n');
}

/** A GET that gives up after 5 s (undefined: no answer), its timer gone with it. */
async function get(url: string): Promise<{ status: number; text: string } | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz, /metrics and the queue dashboard (without its password) on each base (the
 * operator port, INTERNAL_PORT, and the Slack or page port): every answer but a 404 goes into
 * `outputs`. Returns the /healthz statuses.
 */
async function probeOperatorEndpoints(
  outputs: Outputs,
  name: string,
  bases: string[],
): Promise<number[]> {
  const statuses: number[] = [];
  for (const base of bases) {
    for (const path of ['/healthz', '/metrics', '/admin/queues']) {
      const answer = await get(`${base}${path}`);
      if (!answer || answer.status === 404) continue;
      if (path === '/healthz') statuses.push(answer.status);
      outputs.add(`${name} ${base}${path}`, `${answer.status} ${answer.text}\n`);
    }
  }
  return statuses;
}

/** The /healthz status of the first base that serves it, or undefined while none does. */
async function healthOf(bases: string[]): Promise<number | undefined> {
  for (const base of bases) {
    const answer = await get(`${base}/healthz`);
    if (answer && answer.status !== 404) return answer.status;
  }
  return undefined;
}

/**
 * Redis's password changes under every client, whose connections are then dropped: each
 * reconnects with the password it has and is refused, until `restore()`.
 */
async function refuseEveryClient(admin: Redis): Promise<{ restore(): Promise<void> }> {
  const [, password] = (await admin.config('GET', 'requirepass')) as [string, string];
  await admin.config('SET', 'requirepass', ROTATED_PASSWORD);
  await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
  return {
    restore: async () => {
      await admin.config('SET', 'requirepass', password);
    },
  };
}

/** Slack's side of Socket Mode: every frame the bot sends goes into `outputs`. */
async function startSocketModeServer(outputs: Outputs) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const sockets: WebSocket[] = [];
  const acks = new Set<string>();
  let sent = 0;
  server.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data: Buffer) => {
      outputs.add('Socket Mode frames from the bot', `${data.toString()}\n`);
      const { envelope_id: id } = JSON.parse(data.toString()) as { envelope_id?: string };
      if (id) acks.add(id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        connection_info: { app_id: 'A0LIFEBOAT' },
        debug_info: { host: 'local', approximate_connection_time: 3600 },
      }),
    );
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connections: () => sockets.length,
    /** Cuts the bot's connection without a goodbye, as a network failure does. */
    drop: () => sockets.at(-1)?.terminate(),
    /** Sends one envelope down the newest connection and waits for its acknowledgement. */
    async deliver(type: 'slash_commands' | 'interactive', payload: unknown): Promise<void> {
      const id = `env-${++sent}`;
      sockets
        .at(-1)
        ?.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: true }));
      await eventually(() => (acks.has(id) ? true : undefined), {
        what: `the acknowledgement of ${type} envelope ${id}`,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

/**
 * The calls a recorder received, without the token that authenticates each one to Slack (Bolt
 * sends auth.test's in the body): what Slack shows or keeps is the rest.
 */
function withoutAuth(recorder: SlackApiRecorder): unknown[] {
  return recorder.calls.map(({ args: { token, ...args }, ...call }) => {
    if (token !== undefined) {
      expect([SECRETS.SLACK_BOT_TOKEN, SECRETS.SLACK_APP_TOKEN]).toContain(token);
    }
    return { ...call, args };
  });
}

describe('no secret in any output of the bot, the worker and the emulator', () => {
  const outputs = new Outputs();
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-secrets-'));
  const prefix = 'secrets';
  const processes: Spawned[] = [];
  let redis: RedisChild;
  let admin: Redis;
  let slack: SlackApiRecorder;
  let socketMode: Awaited<ReturnType<typeof startSocketModeServer>>;
  const url = { aws: '', bot: '', botInternal: '', socketBot: '', socketInternal: '', worker: '' };
  const botBases = () => [url.botInternal, url.bot];
  /** What else the test started, stopped after it. */
  const closers: (() => Promise<void>)[] = [];
  /** The environment of the bots and the worker. */
  let shared: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    redis = await startRedisChild({ dir: join(dir, 'redis'), password: SECRETS.REDIS_PASSWORD });
    admin = new Redis(redis.url, { maxRetriesPerRequest: null });
    slack = await startSlackApiRecorder();
    socketMode = await startSocketModeServer(outputs);
    slack.setSocketModeUrl(socketMode.url);

    // The sandbox's configuration, with two approvers needed besides the requester.
    const configPath = join(dir, 'dr.config.yaml');
    const config = readFileSync(join(ROOT, 'config/sandbox.yaml'), 'utf8');
    expect(config).toContain('minApprovers: 1');
    writeFileSync(configPath, config.replace('minApprovers: 1', 'minApprovers: 2'));

    const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const [awsPort, botPort, botInternal, socketPort, socketInternal, workerInternal] = ports.map(
      (port) => String(port),
    );
    url.aws = `http://127.0.0.1:${awsPort}`;
    url.bot = `http://127.0.0.1:${botPort}`;
    url.botInternal = `http://127.0.0.1:${botInternal}`;
    url.socketBot = `http://127.0.0.1:${socketPort}`;
    url.socketInternal = `http://127.0.0.1:${socketInternal}`;
    url.worker = `http://127.0.0.1:${workerInternal}`;

    const base = { ...cleanEnv(), DR_CONFIG: configPath, DR_PREFIX: prefix };
    processes.push(
      spawnCollected(outputs, 'emulator', [join(ROOT, 'src/bin/aws-emulator.ts')], {
        cwd: ROOT,
        env: { ...base, AWS_EMULATOR_PORT: awsPort, AWS_EMULATOR_JOB_MS: '200' },
      }),
    );
    await eventually(() => control('/_sandbox/state').catch(() => undefined), {
      timeoutMs: 30_000,
      what: 'the emulator to answer',
      seen: () => outputs.get('emulator stderr'),
    });
    // Copies made an hour ago, as the scheduled backups would have left them.
    for (const resourceArn of Object.values(SHOP)) {
      await control('/_sandbox/recovery-points', {
        region: 'eu-central-1',
        vault: 'shop-prod-dr',
        resourceArn,
        ageMs: 3_600_000,
      });
    }

    // One set of secrets for every process, as one mounted secret gives them in a deployment;
    // the HTTP bot alone goes without the app token, which would put it in Socket Mode.
    shared = {
      ...base,
      ...SECRETS,
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: redis.url,
      AWS_ENDPOINT_URL: url.aws,
      AWS_REGION: 'us-east-1',
      DR_POLL_MS: '50',
      LOG_LEVEL: 'debug',
      INTERNAL_HOST: '127.0.0.1',
    };
    processes.push(
      spawnCollected(outputs, 'worker', [join(ROOT, 'src/bin/worker.ts')], {
        cwd: ROOT,
        env: { ...shared, INTERNAL_PORT: workerInternal },
      }),
      spawnCollected(outputs, 'bot', [join(ROOT, 'src/bin/bot.ts')], {
        cwd: ROOT,
        env: { ...shared, SLACK_APP_TOKEN: undefined, PORT: botPort, INTERNAL_PORT: botInternal },
      }),
      spawnCollected(outputs, 'Socket Mode bot', [join(ROOT, 'src/bin/bot.ts')], {
        cwd: ROOT,
        env: { ...shared, PORT: socketPort, INTERNAL_PORT: socketInternal },
      }),
    );
    await eventually(async () => ((await healthOf(botBases())) === 200 ? true : undefined), {
      timeoutMs: 60_000,
      everyMs: 200,
      what: 'the bot to see Redis and the workers',
      seen: () => `${outputs.get('bot stderr')}${outputs.get('worker stderr')}`,
    });
    await eventually(() => (socketMode.connections() > 0 ? true : undefined), {
      timeoutMs: 60_000,
      everyMs: 200,
      what: 'the Socket Mode bot to connect',
      seen: () => outputs.get('Socket Mode bot stderr'),
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map(stopProcess));
    admin?.disconnect();
    for (const close of closers) await close();
    await socketMode?.close();
    await slack?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function control(path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url.aws}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    outputs.add('emulator control API', `${path} ${text}\n`);
    return JSON.parse(text) as unknown;
  }

  async function signed(body: string, secret: string = SECRETS.SLACK_SIGNING_SECRET) {
    const answer = await postToSlackEndpoint(
      `${url.bot}/slack/events`,
      body,
      'application/x-www-form-urlencoded',
      { secret },
    );
    outputs.add('bot answers to Slack', `${answer.status} ${answer.text}\n`);
    return answer;
  }
  const command = (text: string, userId: string) =>
    signed(slashCommandBody({ text, userId, responseUrl: slack.responseUrl }));
  const click = (actionId: string, value: string, userId: string) =>
    signed(blockActionBody({ actionId, value, userId, responseUrl: slack.responseUrl }));
  /** A reply to `userId` by chat.postEphemeral, or through response_url when that failed. */
  const replied = (pattern: RegExp, userId: string) =>
    eventually(
      () =>
        slack.calls.some(
          (c) =>
            c.error === undefined &&
            (c.method === 'response_url' ||
              (c.method === 'chat.postEphemeral' && c.args.user === userId)) &&
            pattern.test(String(c.args.text)),
        )
          ? true
          : undefined,
      { timeoutMs: 20_000, what: `a reply to ${userId} matching ${pattern}` },
    );

  it('after a failover with Slack, Redis and AWS errors in it', async () => {
    // Slack refuses the first ephemeral reply and the first update of a message.
    slack.failCalls({ method: 'chat.postEphemeral', error: 'invalid_auth', times: 1 });
    slack.failCalls({ method: 'chat.update', error: 'invalid_auth', times: 1 });

    expect(
      (await command('failover shop-prod --reason "eu-west-1 is down"', 'U0ALICE')).status,
    ).toBe(200);
    const forged = await signed(
      slashCommandBody({ text: 'status', userId: 'U0ALICE', responseUrl: slack.responseUrl }),
      'not-the-signing-secret',
    );
    expect(forged.status).toBe(401);
    const request = await eventually(
      () =>
        slack
          .callsTo('chat.postMessage')
          .find((c) => JSON.stringify(c.args.blocks ?? []).includes('"dr_approve"')),
      { timeoutMs: 20_000, what: 'the request message with its Approve button' },
    );
    const id = /"value":"(op-[a-z0-9]+)"/.exec(JSON.stringify(request.args.blocks))?.[1] ?? '';
    expect(id).toMatch(/^op-/);

    expect((await click('dr_approve', id, 'U0ALICE')).status).toBe(200);
    await replied(/approval does not count/, 'U0ALICE');
    expect((await click('dr_approve', id, 'U0BOB')).status).toBe(200);
    await replied(/approval recorded/i, 'U0BOB');

    // The Socket Mode connection drops; the bot opens another.
    socketMode.drop();
    await eventually(() => (socketMode.connections() > 1 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the Socket Mode bot to reconnect',
    });

    // Every connection to Redis is refused for a while.
    const refused = await refuseEveryClient(admin);
    await eventually(
      () =>
        ['worker', 'bot', 'Socket Mode bot'].every((name) =>
          /WRONGPASS/.test(outputs.get(`${name} stdout`) + outputs.get(`${name} stderr`)),
        )
          ? true
          : undefined,
      { timeoutMs: 30_000, what: 'every process to be refused by Redis' },
    );
    expect(await healthOf(botBases())).toBe(503);
    await probeOperatorEndpoints(outputs, 'bot while Redis refuses it', botBases());
    await refused.restore();
    await eventually(async () => ((await healthOf(botBases())) === 200 ? true : undefined), {
      timeoutMs: 30_000,
      everyMs: 200,
      what: 'the bot to see Redis again',
    });

    // AWS answers every call with a 5xx for a while, then fails one restore: the operation waits
    // on AWS, goes on, then stops, tears down what it restored and says so.
    await control('/_sandbox/faults', {
      errorRate: 1,
      failNext: [
        {
          kind: 'restore',
          resourceArn: SHOP.carts,
          state: 'FAILED',
          message: 'Access denied to the KMS key of the recovery point',
        },
      ],
    });
    // The second approval comes down the socket.
    await socketMode.deliver(
      'interactive',
      JSON.parse(
        new URLSearchParams(
          blockActionBody({
            actionId: 'dr_approve',
            value: id,
            userId: 'U0CAROL',
            responseUrl: slack.responseUrl,
          }),
        ).get('payload') ?? '{}',
      ),
    );
    await eventually(
      () =>
        slack
          .callsTo('chat.postMessage')
          .find(
            (c) => c.args.thread_ts !== undefined && /waiting on AWS/.test(String(c.args.text)),
          ),
      { timeoutMs: 30_000, what: 'the thread to say that the operation waits on AWS' },
    );
    // A request made meanwhile cannot build its plan, and its requester hears why.
    expect(
      (await command('failover payments-prod --reason "us-east-1 is down"', 'U0BOB')).status,
    ).toBe(200);
    await replied(/AWS did not answer/, 'U0BOB');
    await control('/_sandbox/faults', { errorRate: 0 });
    const final = await eventually(
      () =>
        slack.callsTo('chat.update').find((c) => /Outcome:/.test(JSON.stringify(c.args.blocks))),
      { timeoutMs: 60_000, what: 'the final message with the outcome' },
    );
    expect(JSON.stringify(final.args.blocks)).toMatch(/failed/);

    // A bot whose token Slack refuses does not start.
    const refusing = await startSlackApiRecorder();
    closers.push(() => refusing.close());
    refusing.failCalls({ method: 'auth.test', error: 'invalid_auth' });
    const refusedBot = spawnCollected(outputs, 'refused bot', [join(ROOT, 'src/bin/bot.ts')], {
      cwd: ROOT,
      env: {
        ...shared,
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: refusing.apiUrl,
        PORT: String(await freePort()),
        INTERNAL_PORT: String(await freePort()),
      },
    });
    await refusedBot.closed;
    expect(refusedBot.child.exitCode).not.toBe(0);
    expect(outputs.get('refused bot stderr')).toMatch(/invalid_auth/);
    outputs.add(
      'Slack API calls of the refused bot',
      JSON.stringify(withoutAuth(refusing), null, 1),
    );

    // Everything there is to read from the outside.
    expect(await probeOperatorEndpoints(outputs, 'bot', botBases())).toContain(200);
    expect(outputs.has(/^bot .*\/metrics$/)).toBe(true);
    await probeOperatorEndpoints(outputs, 'Socket Mode bot', [url.socketInternal, url.socketBot]);
    await probeOperatorEndpoints(outputs, 'worker', [url.worker]);
    for (const args of [[], ['--verify']]) {
      const name = ['npm run audit', ...args].join(' ');
      await spawnCollected(outputs, name, [join(ROOT, 'src/bin/audit.ts'), ...args], {
        cwd: ROOT,
        env: { ...cleanEnv(), REDIS_URL: redis.url, DR_PREFIX: prefix },
      }).closed;
    }
    expect(outputs.get('npm run audit stdout')).toContain(`"operationId":"${id}"`);
    expect(outputs.get('npm run audit --verify stdout')).toMatch(/^chain intact/);
    await control('/_sandbox/calls');
    await control('/_sandbox/state');
    outputs.add(
      'Slack API calls and response_url posts',
      JSON.stringify(withoutAuth(slack), null, 1),
    );

    // What the processes say as they stop counts too.
    await Promise.all(processes.map(stopProcess));
    outputs.add('Redis', await dumpRedis(admin));

    expect(outputs.find({ ...SECRETS, ROTATED_PASSWORD })).toEqual([]);
  });
});

interface PageMessage {
  ts: string;
  channel: string;
  blocks?: { block_id?: string; elements?: { action_id?: string; value?: string }[] }[];
}

describe('no password of its own Redis in what the sandbox shows', () => {
  const outputs = new Outputs();
  const cwd = mkdtempSync(join(tmpdir(), 'lifeboat-sandbox-secrets-'));
  let sandbox: Spawned | undefined;
  let admin: Redis | undefined;
  const url = { page: '', internal: '' };

  afterAll(async () => {
    if (sandbox) await stopProcess(sandbox);
    admin?.disconnect();
    rmSync(cwd, { recursive: true, force: true });
  }, 30_000);

  async function api(path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url.page}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-user': 'U0CAROL' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    outputs.add(`page ${path.split('?')[0] ?? path}`, `${response.status} ${text}\n`);
    return JSON.parse(text) as unknown;
  }
  const messages = async (user: string) =>
    ((await api(`/sandbox/api/workspace?user=${user}`)) as { messages: PageMessage[] }).messages;
  const health = () => healthOf([url.page]);

  it('with Redis refusing it and AWS failing a restore on the way', async () => {
    const [port, emulatorPort, internalPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    url.page = `http://127.0.0.1:${port}`;
    url.internal = `http://127.0.0.1:${internalPort}`;
    // Whatever else the machine has set, no token and no Redis: the sandbox.
    const { SLACK_BOT_TOKEN: _token, REDIS_PASSWORD: _redis, ...given } = SECRETS;
    sandbox = spawnCollected(outputs, 'npm start', [join(ROOT, 'src/main.ts')], {
      cwd,
      env: {
        ...cleanEnv(),
        ...given,
        PORT: String(port),
        AWS_EMULATOR_PORT: String(emulatorPort),
        INTERNAL_PORT: String(internalPort),
        AWS_EMULATOR_JOB_MS: '200',
        DR_POLL_MS: '50',
        LOG_LEVEL: 'debug',
      },
    });
    const output = () => outputs.get('npm start stdout') + outputs.get('npm start stderr');
    await eventually(async () => ((await health()) === 200 ? true : undefined), {
      timeoutMs: 60_000,
      everyMs: 250,
      what: 'the sandbox to be healthy',
      seen: output,
    });
    const password = readFileSync(join(cwd, '.data', 'redis-password'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    const redisPort = /redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1];
    expect(redisPort).toBeDefined();
    admin = new Redis({
      host: '127.0.0.1',
      port: Number(redisPort),
      password,
      maxRetriesPerRequest: null,
    });

    await api('/sandbox/api/compose', {
      user: 'U0ALICE',
      channel: 'C0DRCHANNEL',
      text: '/dr failover shop-prod --reason "eu-west-1 is down"',
    });
    const request = await eventually(
      async () =>
        (await messages('U0BOB')).find((m) =>
          m.blocks?.some((b) => b.elements?.some((e) => e.action_id === 'dr_approve')),
        ),
      { timeoutMs: 20_000, what: 'the request message on the page' },
    );
    const votes = request.blocks?.find((b) =>
      b.elements?.some((e) => e.action_id === 'dr_approve'),
    );

    const refused = await refuseEveryClient(admin);
    await eventually(() => (/WRONGPASS/.test(output()) ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the sandbox to be refused by its Redis',
    });
    expect(await health()).toBe(503);
    await probeOperatorEndpoints(outputs, 'sandbox while Redis refuses it', [
      url.internal,
      url.page,
    ]);
    await refused.restore();
    await eventually(async () => ((await health()) === 200 ? true : undefined), {
      timeoutMs: 30_000,
      everyMs: 200,
      what: 'the sandbox to see its Redis again',
    });

    await api('/sandbox/api/aws/faults', {
      failNext: [{ kind: 'restore', resourceArn: SHOP.orders, state: 'FAILED' }],
    });
    await api('/sandbox/api/action', {
      user: 'U0BOB',
      actionId: 'dr_approve',
      blockId: votes?.block_id,
      value: votes?.elements?.find((e) => e.action_id === 'dr_approve')?.value,
      channel: request.channel,
      messageTs: request.ts,
    });
    await eventually(
      async () =>
        (await messages('U0BOB')).some(
          (m) => m.ts === request.ts && /Outcome:/.test(JSON.stringify(m.blocks)),
        )
          ? true
          : undefined,
      { timeoutMs: 60_000, what: 'the request message to show the outcome' },
    );

    // Everything the page and the operator endpoints show.
    for (const user of ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', '']) await messages(user);
    await api('/sandbox/api/info');
    await api('/sandbox/api/timeline');
    await api('/sandbox/api/aws/state');
    await api('/sandbox/api/aws/calls');
    expect(await probeOperatorEndpoints(outputs, 'sandbox', [url.internal, url.page])).toContain(
      200,
    );
    // Its Redis stops with it: read it first, then hear what it says as it stops.
    outputs.add('sandbox Redis', await dumpRedis(admin));
    await admin.quit();
    admin = undefined;
    await stopProcess(sandbox);

    expect(outputs.find({ ...given, REDIS_PASSWORD: password, ROTATED_PASSWORD })).toEqual([]);
  });
});
