/**
 * The sandbox's local Slack against a real Bolt app: the requests it signs pass Bolt's own
 * verification, the Web API answers the real WebClient, and what the app does shows up in the
 * workspace as Slack would show it (ephemeral replies, threads, edits, response URLs, App Home).
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createLogger } from '../../../src/logger';
import { createGameDayLog } from '../../../src/sandbox/game-day-log';
import { freePort } from '../../../src/sandbox/redis-child';
import { createSandboxRoutes } from '../../../src/sandbox/sandbox-routes';
import { createResponseUrls } from '../../../src/sandbox/slack/response-urls';
import { sandboxWorkspaceSeed } from '../../../src/sandbox/slack/sandbox-workspace-seed';
import { signSlackRequest } from '../../../src/sandbox/slack/sign-slack-request';
import { createSlackDelivery } from '../../../src/sandbox/slack/slack-delivery';
import {
  createSlackWorkspace,
  type SlackWorkspace,
} from '../../../src/sandbox/slack/slack-workspace';
import { eventually } from '../../support/eventually';
import { sandboxConfig } from '../../support/harness';

const CHANNEL = 'C0DRCHANNEL';
const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';

let app: App;
let base: string;
let workspace: SlackWorkspace;
let delivery: ReturnType<typeof createSlackDelivery>;
let stopRoutes: () => void;
const seen: {
  clicks: unknown[];
  groupMembers?: string[];
  userName?: string;
  channelName?: string;
  botUser?: string;
} = {
  clicks: [],
};

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = sandboxConfig();
  workspace = createSlackWorkspace(sandboxWorkspaceSeed(CHANNEL));
  const responseUrls = createResponseUrls(workspace, `${base}/sandbox-slack/response/`);
  delivery = createSlackDelivery({
    workspace,
    responseUrls,
    requestUrl: `${base}/slack/events`,
    signingSecret: SECRET,
  });
  const sandbox = createSandboxRoutes({
    config,
    workspace,
    delivery,
    responseUrls,
    botToken: TOKEN,
    emulatorUrl: 'http://127.0.0.1:9',
    readAudit: async () => [],
    gameDay: createGameDayLog(),
    logger: createLogger('silent'),
  });
  stopRoutes = sandbox.close;
  const receiver = new HTTPReceiver({
    signingSecret: SECRET,
    port,
    customRoutes: sandbox.routes,
    logLevel: LogLevel.ERROR,
  });
  app = new App({
    token: TOKEN,
    receiver,
    clientOptions: { slackApiUrl: `${base}/sandbox-slack/api/` },
  });

  app.command('/dr', async ({ ack, command, client, respond }) => {
    if (command.text === 'help') {
      await ack({
        text: 'Lifeboat help',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*help*' } }],
      });
      return;
    }
    await ack();
    if (command.text === 'later') {
      await respond({ text: 'from the response URL' });
      return;
    }
    const who = await client.users.info({ user: command.user_id });
    const members = await client.usergroups.users.list({ usergroup: 'S0DRAPPROVERS' });
    const channel = await client.conversations.info({ channel: command.channel_id });
    const auth = await client.auth.test();
    seen.userName = who.user?.real_name;
    seen.groupMembers = members.users;
    seen.channelName = channel.channel?.name;
    seen.botUser = auth.user_id;
    const posted = await client.chat.postMessage({
      channel: command.channel_id,
      text: 'Failover requested',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Failover requested' } },
        {
          type: 'actions',
          block_id: 'vote',
          elements: [
            {
              type: 'button',
              action_id: 'dr_approve',
              value: 'op-1',
              style: 'primary',
              text: { type: 'plain_text', text: 'Approve' },
            },
          ],
        },
      ],
    });
    await client.chat.postMessage({
      channel: command.channel_id,
      thread_ts: posted.ts ?? '',
      text: 'step 1',
    });
  });

  app.action('dr_approve', async ({ ack, body, client, respond }) => {
    await ack();
    seen.clicks.push(body);
    const b = body as { channel?: { id: string }; message?: { ts: string }; user: { id: string } };
    await client.chat.update({
      channel: b.channel?.id ?? '',
      ts: b.message?.ts ?? '',
      text: 'Approved',
      blocks: [],
    });
    await client.chat.postEphemeral({
      channel: b.channel?.id ?? '',
      user: b.user.id,
      text: 'you voted',
    });
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'noted' });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `hi <@${event.user}>` } }],
      },
    });
  });
  await app.start();
});

afterAll(async () => {
  stopRoutes();
  await app.stop();
});

const visibleTo = (user: string) => workspace.snapshot(user).messages;

test('a slash command reaches the app signed, and its acknowledgement is an ephemeral reply', async () => {
  const result = await delivery.slashCommand({
    userId: 'U0ALICE',
    channel: CHANNEL,
    line: '/dr help',
  });
  expect(result).toEqual({ ok: true });
  const reply = visibleTo('U0ALICE').find((m) => m.text === 'Lifeboat help');
  expect(reply).toMatchObject({ visibleTo: 'U0ALICE', user: 'U0LIFEBOAT' });
  expect(visibleTo('U0BOB').some((m) => m.text === 'Lifeboat help')).toBe(false);
});

test('the Web API answers the real client: post, thread, users, groups, channel, auth', async () => {
  await delivery.slashCommand({
    userId: 'U0ALICE',
    channel: CHANNEL,
    line: '/dr failover shop-prod --reason "x"',
  });
  const request = await eventually(() =>
    visibleTo('U0BOB').find((m) => m.text === 'Failover requested' && m.replyCount === 1),
  );
  expect(request.blocks?.[1]).toMatchObject({ block_id: 'vote' });
  expect(seen).toMatchObject({
    userName: 'Alice',
    groupMembers: ['U0ALICE', 'U0CAROL'],
    channelName: 'incident',
    botUser: 'U0LIFEBOAT',
  });
  const reply = visibleTo('U0BOB').find((m) => m.threadTs === request.ts && m.ts !== request.ts);
  expect(reply?.text).toBe('step 1');
});

test('a click is a signed block_actions payload; update, ephemeral and response_url land where Slack puts them', async () => {
  const request = await eventually(() =>
    visibleTo('U0BOB').find((m) => m.text === 'Failover requested'),
  );
  const result = await delivery.blockAction({
    userId: 'U0BOB',
    channel: CHANNEL,
    messageTs: request.ts,
    blockId: 'vote',
    actionId: 'dr_approve',
    value: 'op-1',
  });
  expect(result).toEqual({ ok: true });
  expect(seen.clicks[0]).toMatchObject({
    type: 'block_actions',
    user: { id: 'U0BOB' },
    channel: { id: CHANNEL },
    container: { type: 'message', message_ts: request.ts, channel_id: CHANNEL },
    message: { ts: request.ts },
    actions: [{ action_id: 'dr_approve', value: 'op-1', block_id: 'vote', type: 'button' }],
  });
  await eventually(() => visibleTo('U0BOB').find((m) => m.text === 'noted'));
  expect(workspace.message(CHANNEL, request.ts)).toMatchObject({
    text: 'Approved',
    editedTs: expect.any(String),
  });
  expect(visibleTo('U0BOB').find((m) => m.text === 'you voted')?.visibleTo).toBe('U0BOB');
  expect(visibleTo('U0ALICE').some((m) => m.text === 'you voted' || m.text === 'noted')).toBe(
    false,
  );
});

test('a click on a button that is not there is refused before the app sees it', async () => {
  const clicksBefore = seen.clicks.length;
  const result = await delivery.blockAction({
    userId: 'U0BOB',
    channel: CHANNEL,
    messageTs: '1.000001',
    blockId: 'vote',
    actionId: 'dr_approve',
  });
  expect(result.ok).toBe(false);
  // The approved request was updated without its buttons: a stale click on it goes nowhere.
  const approved = visibleTo('U0BOB').find((m) => m.text === 'Approved');
  expect(approved?.blocks).toEqual([]);
  const stale = await delivery.blockAction({
    userId: 'U0BOB',
    channel: CHANNEL,
    messageTs: approved?.ts ?? '',
    blockId: 'vote',
    actionId: 'dr_approve',
    value: 'op-1',
  });
  expect(stale).toEqual({ ok: false, error: 'no such button' });
  expect(seen.clicks).toHaveLength(clicksBefore);
});

test('respond() through the response URL posts an ephemeral reply', async () => {
  await delivery.slashCommand({ userId: 'U0CAROL', channel: CHANNEL, line: '/dr later' });
  const reply = await eventually(() =>
    visibleTo('U0CAROL').find((m) => m.text === 'from the response URL'),
  );
  expect(reply.visibleTo).toBe('U0CAROL');
});

test('app_home_opened is a signed event; views.publish fills that user’s Home tab only', async () => {
  expect(await delivery.appHomeOpened('U0DAVE')).toEqual({ ok: true });
  const view = await eventually(
    () => workspace.snapshot('U0DAVE').homeView as { type: string } | undefined,
  );
  expect(view.type).toBe('home');
  expect(workspace.snapshot('U0ALICE').homeView).toBeUndefined();
});

test('unknown slash commands get Slack’s own refusal, not a request to the app', async () => {
  const result = await delivery.slashCommand({
    userId: 'U0DAVE',
    channel: CHANNEL,
    line: '/deploy now',
  });
  expect(result.ok).toBe(false);
  expect(
    visibleTo('U0DAVE').some((m) => m.user === 'USLACKBOT' && m.text.includes('/deploy')),
  ).toBe(true);
});

test('Bolt refuses requests that are unsigned, wrongly signed or stale', async () => {
  const body = 'command=%2Fdr&text=help&user_id=U0ALICE';
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  const now = Date.now() / 1000;
  expect((await post({})).status).toBe(401);
  expect((await post(signSlackRequest('wrong-secret', body, now))).status).toBe(401);
  expect((await post(signSlackRequest(SECRET, body, now - 600))).status).toBe(401);
});

test('the Web API wants the bot token, and says so as Slack does', async () => {
  const call = (auth?: string) =>
    fetch(`${base}/sandbox-slack/api/auth.test`, {
      method: 'POST',
      headers: auth ? { Authorization: auth } : {},
    }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
  expect(await call()).toEqual({ ok: false, error: 'not_authed' });
  expect(await call('Bearer xoxb-other')).toEqual({ ok: false, error: 'invalid_auth' });
  expect(await call(`Bearer ${TOKEN}`)).toMatchObject({ ok: true, user_id: 'U0LIFEBOAT' });
});
