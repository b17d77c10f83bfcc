import type { Operation } from '../../src/core/types';
import { eventually } from '../support/eventually';
import { botHarness, type BotHarness } from './bot-harness';

/**
 * The bot cannot post in the DR channel (it was never invited): the request exists, but nobody
 * sees it. The requester is told directly, once, why and what to do; the request still stands and
 * an approver can approve it by text.
 */
describe('a request message Slack refuses to post', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('unposted');
    h.seedShopPoints(3_600_000);
    h.slack.failCalls({
      method: 'chat.postMessage',
      channel: 'C0DRCHANNEL',
      error: 'not_in_channel',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('tells the requester in a direct message, once, and the request can still be approved', async () => {
    expect((await h.command('failover shop-prod --reason "no channel"', 'U0ALICE')).status).toBe(
      200,
    );
    const id = /\*(op-[a-z0-9]+)\*/.exec(await h.nextEphemeral('U0ALICE', 1))?.[1] ?? '';
    expect(id).toMatch(/^op-/);

    const dm = await eventually(
      () => h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0ALICE'),
      { timeoutMs: 20_000, what: 'the direct message to the requester' },
    );
    const text = String(dm.args.text);
    expect(text).toContain(id);
    expect(text).toContain('`not_in_channel`');
    expect(text).toContain('/invite @Lifeboat');
    expect(text).toContain(`/dr approve ${id}`);

    expect((await h.command(`approve ${id}`, 'U0BOB')).status).toBe(200);
    await eventually(
      async () => ((await h.deps.operations.get(id))?.state === 'approved' ? true : undefined),
      { what: 'the approval by text' },
    );
    expect(((await h.deps.operations.get(id)) as Operation).slack).toBeUndefined();
    // The approval re-renders the message: the post fails three more times (2 s, 4 s apart),
    // and the requester is not told a second time.
    await new Promise((r) => setTimeout(r, 7_500));
    expect(
      h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.error).length,
    ).toBeGreaterThanOrEqual(6);
    expect(
      h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U0ALICE'),
    ).toHaveLength(1);
  }, 40_000);
});
