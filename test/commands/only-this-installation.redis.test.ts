import type { Operation } from '../../src/core/types';
import { botHarness, type BotHarness } from '../bot/support/bot-harness';
import { eventually } from '../support/eventually';

const HOUR = 3_600_000;

async function requestFailover(h: BotHarness): Promise<Operation> {
  h.seedShopPoints(2 * HOUR);
  await h.command('failover shop-prod --reason "eu-west-1 is down"', 'U0ALICE');
  const reply = await h.nextEphemeral('U0ALICE', 1);
  const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1] ?? '';
  return eventually(
    async () => {
      const op = await h.deps.operations.get(id);
      return op?.slack ? op : undefined;
    },
    { what: 'the request message to be posted' },
  );
}

/** The refusals in the audit log, oldest first. */
async function refusals(h: BotHarness) {
  const entries = await h.deps.audit.read({ limit: 100, order: 'asc' });
  return entries.filter((e) => e.type === 'refusal');
}

describe('only the workspace and the app Lifeboat is installed as', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('installation');
  });
  afterEach(async () => {
    await h.close();
  });

  it("refuses another workspace's command with a clear reply, audited, and does nothing", async () => {
    h.seedShopPoints(2 * HOUR);
    const res = await h.command('failover shop-prod --reason "down"', 'U0ALICE', undefined, {
      teamId: 'T0OTHER',
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/installed in another workspace.*nothing was done/i);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    const [refusal] = await refusals(h);
    expect(refusal).toMatchObject({
      actor: 'U0ALICE',
      summary: expect.stringContaining('from workspace T0OTHER'),
      detail: expect.objectContaining({ teamId: 'T0OTHER' }),
    });
    // Read-only commands are refused too: nothing of this workspace is shown to another.
    const status = await h.command('status', 'U0ALICE', undefined, { teamId: 'T0OTHER' });
    expect(JSON.parse(status.text)).toMatchObject({
      text: expect.stringMatching(/nothing was done/),
    });
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it("refuses another workspace's click and another app's command", async () => {
    const op = await requestFailover(h);
    await h.click('dr_approve', op.id, 'U0BOB', undefined, { teamId: 'T0OTHER' });
    const answered = await h.slack.waitFor('response_url', 1);
    expect(String(answered[0]?.args.text)).toMatch(/installed in another workspace/);
    expect((await h.deps.operations.get(op.id))?.votes).toEqual([]);

    const res = await h.command(`approve ${op.id}`, 'U0BOB', undefined, { apiAppId: 'A0OTHER' });
    expect(JSON.parse(res.text)).toMatchObject({
      text: expect.stringMatching(/another Slack app.*nothing was done/),
    });
    expect((await h.deps.operations.get(op.id))?.votes).toEqual([]);
    expect((await refusals(h)).map((e) => e.summary)).toEqual([
      expect.stringContaining('from workspace T0OTHER; Lifeboat is installed in workspace T0TEAM'),
      expect.stringContaining('for app A0OTHER; Lifeboat is app A0LIFEBOAT'),
    ]);
  });

  it("publishes no App Home for another workspace's event", async () => {
    await h.event({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' }, undefined, {
      teamId: 'T0OTHER',
    });
    await eventually(async () => ((await refusals(h)).length > 0 ? true : undefined), {
      what: 'the refusal to be audited',
    });
    expect(h.slack.callsTo('views.publish')).toEqual([]);
    await h.event({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' });
    await h.slack.waitFor('views.publish', 1);
  });
});

describe('an org-wide install', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness(
      'org-wide',
      {},
      {
        authTest: { team_id: '', enterprise_id: 'E0ORG', is_enterprise_install: true },
      },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('takes every workspace of its organization, and no other', async () => {
    await h.command('status', 'U0ALICE', undefined, { teamId: 'T0SISTER', enterpriseId: 'E0ORG' });
    expect(await h.nextEphemeral('U0ALICE', 1)).toContain('Status of every environment');
    const res = await h.command('status', 'U0ALICE', undefined, {
      teamId: 'T0SISTER',
      enterpriseId: 'E0ELSE',
    });
    expect(JSON.parse(res.text)).toMatchObject({ text: expect.stringMatching(/nothing was done/) });
    const other = await h.command('status', 'U0ALICE', undefined, { teamId: 'T0TEAM' });
    expect(JSON.parse(other.text)).toMatchObject({
      text: expect.stringMatching(/nothing was done/),
    });
  });
});
