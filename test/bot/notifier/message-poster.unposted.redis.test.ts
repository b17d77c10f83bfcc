import type { Operation } from '../../../src/core/types';
import type { FakeTimers } from '../../../src/timers';
import { eventually } from '../../support/eventually';
import { botHarness, type BotHarness } from '../support/bot-harness';

/**
 * The bot cannot post in the DR channel (it was never invited): the request exists, but nobody
 * sees it. The requester is told directly, once, why and what to do; the request still stands and
 * an approver can approve it by text.
 */
describe('a request message Slack refuses to post', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('unposted', {}, { fakeTimers: true });
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

  const failedPosts = () =>
    h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.error).length;
  /**
   * A failed post is retried 2 s, then 4 s later, and then given up. Waits for the failure of
   * post number `first`, then moves the pacing through the two retries, waiting for each failure,
   * and for the lane to give up.
   */
  async function throughRetries(first: number): Promise<void> {
    const timers = h.timers as FakeTimers;
    for (const [i, waitMs] of [0, 2000, 4000].entries()) {
      timers.advance(waitMs);
      await eventually(() => (failedPosts() >= first + i ? true : undefined), {
        what: `failed post number ${first + i}`,
      });
      // The retry is armed when the failed pass has ended.
      await h.bot.notifier.settled();
    }
  }

  it('tells the requester in a direct message, once, and the request can still be approved', async () => {
    expect((await h.command('failover shop-prod --reason "no channel"', 'U0ALICE')).status).toBe(
      200,
    );
    const id = /\*(op-[a-z0-9]+)\*/.exec(await h.nextEphemeral('U0ALICE', 1))?.[1] ?? '';
    expect(id).toMatch(/^op-/);

    await throughRetries(1);
    expect(failedPosts()).toBe(3);
    const dm = await eventually(
      () => h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0ALICE'),
      { what: 'the direct message to the requester' },
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
    await throughRetries(4);
    expect(failedPosts()).toBe(6);
    expect(h.bot.notifier.busy()).toBe(false);
    expect(
      h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U0ALICE'),
    ).toHaveLength(1);
  }, 40_000);
});
