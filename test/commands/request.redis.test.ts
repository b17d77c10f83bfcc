import type { Operation } from '../../src/core/types';
import { botHarness, type BotHarness } from '../bot/support/bot-harness';
import { eventually } from '../support/eventually';

const HOUR = 3_600_000;

describe('a request and its reason, through Slack', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('request-reason');
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a reason of more than 500 characters, saying the limit and the length; nothing is created', async () => {
    h.seedShopPoints(2 * HOUR);
    const reason = `${'region down, '.repeat(63)}end`;
    expect(reason.length).toBe(822);
    const res = await h.command(`failover shop-prod --reason "${reason}"`, 'U0ALICE');
    const body = JSON.parse(res.text) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('--reason is at most 500 characters; this one has 822');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    const entries = await h.deps.audit.read();
    expect(entries.map((e) => e.type)).toEqual(['refusal']);
  });

  it.each([
    ['failover shop-prod --reason down', 'C0GENERAL'],
    ['failback shop-prod --reason home', 'C0GENERAL'],
    ['drill shop-prod', 'D0ALICE'],
    ['backup shop-prod', 'D0ALICE'],
  ])('takes /dr %s only in slack.channel, not in %s', async (text, channelId) => {
    h.seedShopPoints(2 * HOUR);
    const before = h.ephemerals('U0ALICE').length;
    await h.command(text, 'U0ALICE', undefined, { channelId });
    const reply = await h.nextEphemeral('U0ALICE', before + 1);
    expect(reply).toContain('only in <#C0DRCHANNEL>');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(await h.infra.queues.backups.getJobs(['waiting', 'delayed'])).toEqual([]);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    const [latest] = await h.deps.audit.read({ limit: 1 });
    expect(latest).toMatchObject({ type: 'refusal', actor: 'U0ALICE' });
  });

  it('posts the plan first and the reason after it, as the requester wrote it, pinging nobody', async () => {
    const reason =
      'down\n*Plan:* *eu-west-1* → *eu-north-1* (planned)\n*State:* approved <@U0CEO> <!channel>';
    const before = h.ephemerals('U0ALICE').length;
    await h.command(`failover shop-prod --reason "${reason}"`, 'U0ALICE');
    const reply = await h.nextEphemeral('U0ALICE', before + 1);
    const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1] ?? '';
    const op = await eventually(
      async () =>
        (await h.deps.operations.get(id))?.slack ? h.deps.operations.get(id) : undefined,
      { what: 'the request message to be posted' },
    );
    expect((op as Operation).reason).toBe(reason);
    const [post] = h.slack.callsTo('chat.postMessage');
    const sections = (post?.args.blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === 'section')
      .map((b) => b.text?.text ?? '');
    expect(sections[0]).toContain('*Plan:* *eu-west-1* → *eu-central-1* (unplanned)');
    const all = sections.join('\n');
    expect(all.match(/\*Plan:\*/g)).toHaveLength(1);
    expect(all).not.toMatch(/<@U0CEO>|<!channel>/);
    const quoted = sections.find((s) => s.includes('down'));
    expect(quoted).toMatch(/^\*Reason\*, as <@U0ALICE> wrote it:\n>down ∗Plan:∗/);
  });
});
