/**
 * Socket Mode (SLACK_APP_TOKEN): the bot opens a WebSocket to the URL that apps.connections.open
 * gives it, and Slack sends commands and clicks down it as envelopes that the bot must
 * acknowledge by id. Here a local WebSocket server plays Slack's side of that connection, and the
 * recorder plays its Web API.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Operation } from '../../src/core/types';
import { startBot, type RunningBot } from '../../src/bot/start-bot';
import { approvalHarness, type ApprovalHarness } from '../approval/approval-harness';
import { eventually } from '../support/eventually';
import { startSlackApiRecorder, type SlackApiRecorder } from '../support/slack-api-recorder';
import { blockActionBody, slashCommandBody } from '../support/slack-signing';

const HOUR = 3_600_000;

describe('the bot in Socket Mode', () => {
  let h: ApprovalHarness;
  let slack: SlackApiRecorder;
  let server: WebSocketServer;
  let bot: RunningBot;
  let socket: WebSocket;
  const acks = new Map<string, unknown>();
  let sent = 0;

  beforeAll(async () => {
    h = await approvalHarness('socket');
    slack = await startSlackApiRecorder();
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const connected = new Promise<WebSocket>((resolve) => {
      server.once('connection', (ws) => {
        ws.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString()) as {
            envelope_id?: string;
            payload?: unknown;
          };
          if (message.envelope_id) acks.set(message.envelope_id, message.payload);
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            connection_info: { app_id: 'A0LIFEBOAT' },
            debug_info: { host: 'local', approximate_connection_time: 3600 },
          }),
        );
        resolve(ws);
      });
    });
    slack.setSocketModeUrl(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`);
    bot = await startBot(h.deps, h.infra, {
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      slackApiUrl: slack.apiUrl,
      port: 0,
      notifier: { blockMs: 50 },
      groups: { ttlMs: 60_000, minRefreshMs: 0 },
    });
    socket = await connected;
  }, 30_000);

  afterAll(async () => {
    // Bolt's stop starts the client's close handshake without waiting for it: wait for it here,
    // so the client's ping timers end with the connection.
    const closed = new Promise<void>((resolve) => {
      if (!socket || socket.readyState === socket.CLOSED) resolve();
      else socket.once('close', () => resolve());
    });
    await bot?.stop();
    await closed;
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await slack?.close();
    await h?.close();
  }, 30_000);

  /** Sends one envelope down the socket and waits for the bot to acknowledge it. */
  async function deliver(type: 'slash_commands' | 'interactive', payload: unknown) {
    const id = `env-${++sent}`;
    socket.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: true }));
    await eventually(() => (acks.has(id) ? true : undefined), {
      what: `the acknowledgement of ${type} envelope ${id}`,
    });
    return acks.get(id);
  }
  const command = (text: string, userId: string) =>
    deliver(
      'slash_commands',
      Object.fromEntries(
        new URLSearchParams(slashCommandBody({ text, userId, responseUrl: slack.responseUrl })),
      ),
    );
  const click = (actionId: string, value: string, userId: string) =>
    deliver(
      'interactive',
      JSON.parse(
        new URLSearchParams(
          blockActionBody({ actionId, value, userId, responseUrl: slack.responseUrl }),
        ).get('payload') ?? '{}',
      ),
    );
  const ephemerals = (userId: string) =>
    slack
      .callsTo('chat.postEphemeral')
      .filter((c) => c.args.user === userId)
      .map((c) => String(c.args.text));

  it('asks SLACK_API_URL, not slack.com, for its connection', () => {
    const [open] = slack.calls.filter((c) => c.method === 'apps.connections.open');
    expect(open).toBeDefined();
  });

  it('takes a failover request and a second person’s approval down the socket', async () => {
    h.seedShopPoints(2 * HOUR);
    await command('failover shop-prod --reason "eu-west-1 is down"', 'U0ALICE');
    const reply = await eventually(() => ephemerals('U0ALICE').find((t) => /op-/.test(t)), {
      what: 'the reply to the requester',
    });
    const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1] ?? '';
    expect(id).toMatch(/^op-/);
    const request = await eventually(
      () =>
        slack
          .callsTo('chat.postMessage')
          .find((c) => JSON.stringify(c.args.blocks ?? []).includes(`"value":"${id}"`)),
      { what: 'the request message' },
    );
    expect(request.args.channel).toBe('C0DRCHANNEL');

    // The requester's own click is acknowledged and refused, as over HTTP.
    await click('dr_approve', id, 'U0ALICE');
    await eventually(
      () =>
        ephemerals('U0ALICE').some((t) => /approval does not count/.test(t)) ? true : undefined,
      { what: 'the self-approval refusal' },
    );
    expect(((await h.deps.operations.get(id)) as Operation).state).toBe('requested');

    await click('dr_approve', id, 'U0BOB');
    await eventually(
      async () => ((await h.deps.operations.get(id))?.state === 'approved' ? true : undefined),
      { what: 'the operation to be approved' },
    );
  });

  it('answers a malformed command in its acknowledgement, with what to type instead', async () => {
    const answer = (await command('failover', 'U0ALICE')) as {
      response_type?: string;
      text?: string;
    };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('/dr failover needs an environment');
    expect(answer.text).toContain('/dr failover ENV');
  });
});
