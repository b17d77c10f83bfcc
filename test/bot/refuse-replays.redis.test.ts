import type { Operation } from '../../src/core/types';
import { REPLAY_CHECK_DOWN_TEXT, REPLAY_TEXT } from '../../src/bot/refuse-replays';
import type { OnceClaims } from '../../src/store/once-claims';
import { requestShopOperation } from '../approval/request-shop-operation';
import { eventually } from '../support/eventually';
import { blockActionBody, postToSlackEndpoint, slashCommandBody } from '../support/slack-signing';
import { botHarness, type BotHarness } from './support/bot-harness';

const FORM = 'application/x-www-form-urlencoded' as const;

/**
 * A request captured and sent again within Slack's five-minute window carries a valid signature.
 * The bot remembers signatures and drops a second delivery of the same one.
 */
describe('replayed requests', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('replay', { minApprovers: 2 });
    h.seedShopPoints(3_600_000);
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs a slash command once, and answers its replay with why nothing happened', async () => {
    const body = slashCommandBody({
      text: 'failover shop-prod --reason "replay me"',
      userId: 'U0ALICE',
      responseUrl: h.slack.responseUrl,
    });
    const timestampSec = Math.floor(Date.now() / 1000);
    const first = await postToSlackEndpoint(`${h.url}/slack/events`, body, FORM, { timestampSec });
    expect(first.status).toBe(200);
    const id = await eventually(
      async () => (await h.deps.operations.list({ environment: 'shop-prod', limit: 5 }))[0]?.id,
      { what: 'the requested operation' },
    );

    const again = await postToSlackEndpoint(`${h.url}/slack/events`, body, FORM, { timestampSec });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ response_type: 'ephemeral', text: REPLAY_TEXT });
    expect(await h.deps.operations.list({ environment: 'shop-prod', limit: 5 })).toHaveLength(1);
    const audit = await h.deps.audit.read();
    expect(audit.filter((e) => /replayed Slack request/.test(e.summary))).toHaveLength(1);

    // Reading twice changes nothing: a replayed /dr status is answered again.
    const status = slashCommandBody({ text: 'status', userId: 'U0CAROL' });
    const statusTs = Math.floor(Date.now() / 1000);
    await postToSlackEndpoint(`${h.url}/slack/events`, status, FORM, { timestampSec: statusTs });
    await postToSlackEndpoint(`${h.url}/slack/events`, status, FORM, { timestampSec: statusTs });
    expect(await h.nextEphemeral('U0CAROL', 2)).toContain('Status of every environment');

    // A click replayed is dropped too: Bob's approval is counted from his own delivery only.
    const click = blockActionBody({ actionId: 'dr_approve', value: id, userId: 'U0BOB' });
    const clickTs = Math.floor(Date.now() / 1000);
    await postToSlackEndpoint(`${h.url}/slack/events`, click, FORM, { timestampSec: clickTs });
    await postToSlackEndpoint(`${h.url}/slack/events`, click, FORM, { timestampSec: clickTs });
    await eventually(
      async () => ((await h.deps.operations.get(id))?.votes.length === 1 ? true : undefined),
      { what: "Bob's vote" },
    );
    const op = (await h.deps.operations.get(id)) as Operation;
    expect(op.state).toBe('requested');
    expect(op.votes.map((v) => v.userId)).toEqual(['U0BOB']);
    expect((await h.deps.audit.read()).filter((e) => /replayed/.test(e.summary))).toHaveLength(2);
    // Bob heard once about his vote, not twice.
    expect(await h.nextEphemeral('U0BOB', 1)).toContain('Approval recorded');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.ephemerals('U0BOB')).toHaveLength(1);
  });
});

/**
 * When Redis does not answer the replay check in time, a request that acts cannot be told from a
 * replay: it is refused (closed), and says so; a request that only reads still goes through.
 */
describe('requests while the replay check does not answer', () => {
  let h: BotHarness;
  const unanswered: OnceClaims = { claim: () => new Promise<boolean>(() => undefined) };
  beforeAll(async () => {
    h = await botHarness('replay-down', {}, { replayClaims: unanswered });
  });
  afterAll(async () => {
    await h.close();
  });

  it('does nothing for an acting command, fresh or replayed, and says why; /dr status still answers', async () => {
    h.seedShopPoints(3_600_000);
    const body = slashCommandBody({
      text: 'failover shop-prod --reason "eu-west-1 is down"',
      userId: 'U0ALICE',
      responseUrl: h.slack.responseUrl,
    });
    const timestampSec = Math.floor(Date.now() / 1000);
    for (const delivery of ['first', 'replay']) {
      const answer = await postToSlackEndpoint(`${h.url}/slack/events`, body, FORM, {
        timestampSec,
      });
      expect({ delivery, status: answer.status }).toEqual({ delivery, status: 200 });
      expect(JSON.parse(answer.text)).toEqual({
        response_type: 'ephemeral',
        text: REPLAY_CHECK_DOWN_TEXT,
      });
    }
    expect(await h.deps.operations.list()).toEqual([]);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    const refusals = (await h.deps.audit.read()).filter((e) =>
      /could not be checked against replays/.test(e.summary),
    );
    expect(refusals).toHaveLength(2);

    expect((await h.command('status shop-prod', 'U0CAROL')).status).toBe(200);
    expect(await h.nextEphemeral('U0CAROL', 1)).toContain('shop-prod');
  });

  it('counts no vote from a click while the check cannot answer', async () => {
    const op = await requestShopOperation(h);
    const click = await h.click('dr_approve', op.id, 'U0BOB');
    expect(click.status).toBe(200);
    // Bob hears why, through the click's response URL.
    const [answer] = await h.slack.waitFor('response_url', 1);
    expect(answer?.args).toMatchObject({
      response_type: 'ephemeral',
      text: REPLAY_CHECK_DOWN_TEXT,
    });
    await h.eventsHandled();
    expect((await h.deps.operations.get(op.id))?.votes).toEqual([]);
    expect((await h.deps.operations.get(op.id))?.state).toBe('requested');
  });
});
