/**
 * The production topology, driven as Slack and an operator drive it: the AWS emulator
 * (`npm run sandbox:aws`), the bot (`npm run bot`) and a worker (`npm run worker`) run as separate
 * processes on one Redis; slash commands and clicks arrive as signed HTTP requests; the bot's Web
 * API client points at a local recorder through SLACK_API_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/sandbox/redis-child';
import { eventually } from '../support/eventually';
import { deletePrefix, TEST_REDIS_URL, testRedis, uniquePrefix } from '../support/redis-prefix';
import { startSlackApiRecorder, type SlackApiRecorder } from '../support/slack-api-recorder';
import {
  blockActionBody,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-signing';

const ROOT = join(__dirname, '../..');
const SHOP = {
  rds: 'arn:aws:rds:eu-west-1:111122223333:db:shop',
  orders: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
  carts: 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts',
} as const;

interface State {
  restoreJobs: { resourceArn: string; state: string }[];
  hostedZones: Record<string, { records: { name: string; values: string[] }[] }>;
}

describe('bot, worker and emulator as separate processes', () => {
  const prefix = uniquePrefix('procs');
  const children: ChildProcess[] = [];
  let slack: SlackApiRecorder;
  let aws = '';
  let bot = '';
  /** The bot's and the worker's operator endpoints (INTERNAL_PORT). */
  let botInternal = '';
  let workerInternal = '';

  function start(script: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DR_CONFIG: join(ROOT, 'config/sandbox.yaml'),
        DR_PREFIX: prefix,
        REDIS_URL: TEST_REDIS_URL,
        LOG_LEVEL: 'warn',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${aws}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as unknown;
  };
  const command = (text: string, userId: string) =>
    postToSlackEndpoint(
      `${bot}/slack/events`,
      slashCommandBody({ text, userId, responseUrl: slack.responseUrl }),
      'application/x-www-form-urlencoded',
    );
  const click = (actionId: string, value: string, userId: string) =>
    postToSlackEndpoint(
      `${bot}/slack/events`,
      blockActionBody({ actionId, value, userId, responseUrl: slack.responseUrl }),
      'application/x-www-form-urlencoded',
    );

  beforeAll(async () => {
    slack = await startSlackApiRecorder();
    const awsPort = await freePort();
    const botPort = await freePort();
    const botInternalPort = await freePort();
    const workerInternalPort = await freePort();
    aws = `http://127.0.0.1:${awsPort}`;
    bot = `http://127.0.0.1:${botPort}`;
    botInternal = `http://127.0.0.1:${botInternalPort}`;
    workerInternal = `http://127.0.0.1:${workerInternalPort}`;
    start('src/bin/aws-emulator.ts', {
      AWS_EMULATOR_PORT: String(awsPort),
      AWS_EMULATOR_JOB_MS: '200',
    });
    await eventually(() => control('/_sandbox/state').catch(() => undefined), {
      timeoutMs: 30_000,
      what: 'the emulator to answer',
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
    const shared = {
      AWS_ENDPOINT_URL: aws,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      DR_POLL_MS: '100',
    };
    start('src/bin/worker.ts', { ...shared, INTERNAL_PORT: String(workerInternalPort) });
    start('src/bin/bot.ts', {
      ...shared,
      PORT: String(botPort),
      INTERNAL_PORT: String(botInternalPort),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    await eventually(
      async () => {
        const response = await fetch(`${botInternal}/healthz`).catch(() => undefined);
        return response?.status === 200 ? true : undefined;
      },
      { timeoutMs: 45_000, everyMs: 200, what: 'the bot to see Redis and the workers' },
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await slack?.close();
    const redis = testRedis();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }, 30_000);

  it('serves /healthz and /metrics on each process’s INTERNAL_PORT, never on Slack’s port', async () => {
    for (const path of ['/healthz', '/metrics']) {
      expect((await fetch(`${bot}${path}`)).status).toBe(404);
    }
    const worker = await fetch(`${workerInternal}/healthz`);
    expect(worker.status).toBe(200);
    expect(await worker.json()).toMatchObject({
      status: 'ok',
      redis: 'ok',
      process: 'beating',
      workers: { operations: 1, backups: 1, monitor: 1, expiry: 1 },
    });
    expect(await (await fetch(`${workerInternal}/metrics`)).text()).toContain(
      'lifeboat_redis_up 1',
    );
  });

  it('refuses a forged request, then fails shop-prod over on two people’s word', async () => {
    const forged = await postToSlackEndpoint(
      `${bot}/slack/events`,
      slashCommandBody({ text: 'failover shop-prod --reason "x"', userId: 'U0ALICE' }),
      'application/x-www-form-urlencoded',
      { secret: 'not-the-signing-secret' },
    );
    expect(forged.status).toBe(401);

    expect(
      (await command('failover shop-prod --reason "eu-west-1 is down"', 'U0ALICE')).status,
    ).toBe(200);
    // The RPO monitor may post alerts for the other environments first: the request is the
    // message that carries the Approve button.
    const request = await eventually(
      () =>
        slack
          .callsTo('chat.postMessage')
          .find((c) => JSON.stringify(c.args.blocks ?? []).includes('"dr_approve"')),
      { timeoutMs: 20_000, what: 'the request message with its Approve button' },
    );
    const blocks = JSON.stringify(request.args.blocks);
    const operationId =
      /"action_id":"dr_approve"[^}]*"value":"(op-[a-z0-9]+)"|"value":"(op-[a-z0-9]+)"[^}]*"action_id":"dr_approve"/.exec(
        blocks,
      );
    const id = operationId?.[1] ?? operationId?.[2] ?? '';
    expect(id).toMatch(/^op-/);

    // The requester's own approval never counts.
    expect((await click('dr_approve', id, 'U0ALICE')).status).toBe(200);
    await eventually(
      () =>
        slack
          .callsTo('chat.postEphemeral')
          .some(
            (c) => c.args.user === 'U0ALICE' && /approval does not count/.test(String(c.args.text)),
          )
          ? true
          : undefined,
      { what: 'the self-approval refusal' },
    );

    expect((await click('dr_approve', id, 'U0BOB')).status).toBe(200);
    const final = await eventually(
      () =>
        slack.callsTo('chat.update').find((c) => /Outcome:/.test(JSON.stringify(c.args.blocks))),
      { timeoutMs: 60_000, what: 'the final message with the outcome' },
    );
    expect(JSON.stringify(final.args.blocks)).toMatch(/RTO [^·]+ of 1d \(met\)/);

    const state = (await control('/_sandbox/state')) as State;
    const restores = state.restoreJobs.filter((j) =>
      (Object.values(SHOP) as string[]).includes(j.resourceArn),
    );
    expect(restores).toHaveLength(3);
    expect(restores.every((j) => j.state === 'COMPLETED')).toBe(true);
    const shop = state.hostedZones.Z0SHOP?.records.find((r) =>
      r.name.startsWith('shop.example.com'),
    );
    expect(shop?.values).toEqual(['shop-euc1.example.com']);

    const metrics = await (await fetch(`${botInternal}/metrics`)).text();
    expect(metrics).toMatch(/lifeboat_operations_total\{kind="failover",outcome="succeeded"\} 1/);
    expect(metrics).toMatch(/lifeboat_rpo_target_seconds\{environment="shop-prod"\} 14400/);
  }, 120_000);
});
