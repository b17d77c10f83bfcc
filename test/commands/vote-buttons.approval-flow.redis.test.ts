import type { Operation } from '../../src/core/types';
import { eventually } from '../support/eventually';
import { botHarness, type BotHarness } from '../bot/support/bot-harness';

const HOUR = 3_600_000;

describe('two-person approval through Slack', () => {
  let h: BotHarness;
  afterEach(async () => {
    await h.close();
  });

  /** Alice requests a failover of shop-prod; returns the operation once its message is posted. */
  async function requestFailover(): Promise<Operation> {
    h.seedShopPoints(2 * HOUR);
    const res = await h.command(
      'failover shop-prod --reason \u201ceu-west-1 is down\u201d',
      'U0ALICE',
    );
    expect(res.status).toBe(200);
    const reply = await h.nextEphemeral('U0ALICE', 1);
    const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1];
    if (!id) throw new Error(`no operation id in ${reply}`);
    return eventually(
      async () => {
        const op = await h.deps.operations.get(id);
        return op?.slack ? op : undefined;
      },
      { what: 'the request message to be posted' },
    );
  }
  const runJobs = () =>
    h.infra.queues.operations.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  const stored = async (id: string) => (await h.deps.operations.get(id)) as Operation;

  it("posts the plan with buttons, approves on a second person's click, and updates the message", async () => {
    h = await botHarness('flow');
    const op = await requestFailover();
    const [post] = h.slack.callsTo('chat.postMessage');
    expect(post?.args.channel).toBe('C0DRCHANNEL');
    const blocks = JSON.stringify(post?.args.blocks);
    expect(blocks).toContain('eu-west-1* → *eu-central-1* (unplanned)');
    expect(blocks).toContain('data loss 2h of RPO 4h');
    expect(blocks).toContain('shop.example.com');
    expect(blocks).toContain('shop-euw1.example.com → shop-euc1.example.com');
    expect(blocks).toContain('RPO 4h · RTO 1d');
    expect(blocks).toContain('"action_id":"dr_approve"');
    expect(blocks).toContain('"action_id":"dr_deny"');
    expect(blocks).toContain('"confirm"');
    expect(blocks).toContain(`"value":"${op.id}"`);

    await h.click('dr_approve', op.id, 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 1)).toContain('is approved (1 of 1)');
    expect((await stored(op.id)).state).toBe('approved');
    expect((await runJobs()).map((j) => j.id)).toEqual([op.id]);
    const updates = await h.slack.waitFor('chat.update', 1);
    const last = updates[updates.length - 1];
    expect(last?.args.ts).toBe(op.slack?.ts);
    expect(JSON.stringify(last?.args.blocks)).toContain('approved by <@U0BOB>');
    expect(JSON.stringify(last?.args.blocks)).not.toContain('dr_approve');
  });

  it('refuses self-approval and outsiders, audits it, and changes nothing', async () => {
    h = await botHarness('self');
    const op = await requestFailover();
    await h.click('dr_approve', op.id, 'U0ALICE');
    expect(await h.nextEphemeral('U0ALICE', 2)).toContain('your approval does not count');
    await h.command(`approve ${op.id}`, 'U0MALLORY');
    expect(await h.nextEphemeral('U0MALLORY', 1)).toContain('not one of the approvers');
    expect((await stored(op.id)).votes).toEqual([]);
    expect(await runJobs()).toEqual([]);
    const refusals = (await h.deps.audit.read({ operationId: op.id })).filter(
      (e) => e.type === 'refusal',
    );
    expect(refusals.map((e) => e.actor).sort()).toEqual(['U0ALICE', 'U0MALLORY']);
  });

  it('counts a double click once and starts the operation once when two approvers race', async () => {
    h = await botHarness('race', { minApprovers: 2 });
    const op = await requestFailover();
    await Promise.all([
      h.click('dr_approve', op.id, 'U0BOB'),
      h.click('dr_approve', op.id, 'U0BOB'),
    ]);
    await h.nextEphemeral('U0BOB', 2);
    expect(h.ephemerals('U0BOB').join('\n')).toContain('You already voted');
    expect((await stored(op.id)).state).toBe('requested');

    h.slack.setUserGroups([{ id: 'S0DR', handle: 'dr-approvers', users: ['U0DAVE'] }]);
    await Promise.all([
      h.click('dr_approve', op.id, 'U0CAROL'),
      h.command(`approve ${op.id}`, 'U0DAVE'),
    ]);
    await h.nextEphemeral('U0CAROL', 1);
    await h.nextEphemeral('U0DAVE', 1);
    const after = await stored(op.id);
    expect(after.state).toBe('approved');
    expect(after.votes.map((v) => v.userId).sort()).toEqual([
      'U0BOB',
      expect.stringMatching(/U0CAROL|U0DAVE/),
    ]);
    expect(await runJobs()).toHaveLength(1);
    const answers = [...h.ephemerals('U0CAROL'), ...h.ephemerals('U0DAVE')].join('\n');
    expect(answers).toContain('is approved (2 of 2)');
    expect(answers).toContain('already approved');
    expect(h.slack.callsTo('usergroups.users.list').length).toBeGreaterThan(0);
  });

  it('ends the request on a denial, with the reason, and frees the environment', async () => {
    h = await botHarness('deny');
    const op = await requestFailover();
    await h.command(`deny ${op.id} --reason "not during the sale"`, 'U0CAROL');
    expect(await h.nextEphemeral('U0CAROL', 1)).toContain('was denied by <@U0CAROL>');
    expect((await stored(op.id)).state).toBe('denied');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .some((c) => JSON.stringify(c.args.blocks).includes('not during the sale')) || undefined,
    );
    await h.click('dr_approve', op.id, 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 1)).toContain('already denied');
  });

  it('refuses votes after expiry, before the expiry job has run', async () => {
    h = await botHarness('expiry');
    const op = await requestFailover();
    h.clock.advance({ minutes: 31 });
    await h.click('dr_approve', op.id, 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 1)).toContain('expired');
    expect((await stored(op.id)).state).toBe('expired');
    expect(await runJobs()).toEqual([]);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('refuses a second operation on a busy environment, and cancels the first', async () => {
    h = await botHarness('busy');
    const op = await requestFailover();
    await h.command('drill shop-prod', 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 1)).toContain(`/dr cancel ${op.id}`);
    await h.command(`cancel ${op.id}`, 'U0ALICE');
    expect(await h.nextEphemeral('U0ALICE', 2)).toContain('is cancelled');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('publishes the App Home dashboard when it is opened', async () => {
    h = await botHarness('home');
    const res = await h.event({
      type: 'app_home_opened',
      user: 'U0CAROL',
      channel: 'D0HOME',
      tab: 'home',
    });
    expect(res.status).toBe(200);
    const [publish] = await h.slack.waitFor('views.publish', 1);
    expect(publish?.args.user_id).toBe('U0CAROL');
    const view = JSON.stringify(publish?.args.view);
    expect(view).toContain('"type":"home"');
    for (const env of ['shop-prod', 'payments-prod', 'intranet-prod']) expect(view).toContain(env);
  });
});
