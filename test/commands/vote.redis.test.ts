import type { Operation } from '../../src/core/types';
import { botHarness, type BotHarness } from '../bot/support/bot-harness';
import { eventually } from '../support/eventually';

const HOUR = 3_600_000;

describe('votes only where the request message is', () => {
  let h: BotHarness;
  let op: Operation;
  beforeAll(async () => {
    h = await botHarness('vote-channel');
    h.seedShopPoints(2 * HOUR);
    await h.command('failover shop-prod --reason "eu-west-1 is down"', 'U0ALICE');
    const id = /\*(op-[a-z0-9]+)\*/.exec(await h.nextEphemeral('U0ALICE', 1))?.[1] ?? '';
    op = await eventually(
      async () => {
        const stored = await h.deps.operations.get(id);
        return stored?.slack ? stored : undefined;
      },
      { what: 'the request message to be posted' },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses an approval by button from another channel', async () => {
    await h.click('dr_approve', op.id, 'U0BOB', undefined, { channelId: 'C0GENERAL' });
    expect(await h.nextEphemeral('U0BOB', 1)).toContain(
      `Votes on ${op.id} are taken in <#C0DRCHANNEL>`,
    );
    expect((await h.deps.operations.get(op.id))?.votes).toEqual([]);
  });

  it('refuses an approval or a denial by text from another channel, or a DM', async () => {
    await h.command(`approve ${op.id}`, 'U0BOB', undefined, { channelId: 'D0BOB' });
    expect(await h.nextEphemeral('U0BOB', 2)).toContain('are taken in <#C0DRCHANNEL>');
    await h.command(`deny ${op.id} --reason no`, 'U0CAROL', undefined, { channelId: 'C0GENERAL' });
    expect(await h.nextEphemeral('U0CAROL', 1)).toContain('are taken in <#C0DRCHANNEL>');
    const stored = await h.deps.operations.get(op.id);
    expect(stored).toMatchObject({ state: 'requested', votes: [] });
    const refused = (await h.deps.audit.read({ operationId: op.id })).filter(
      (e) => e.type === 'refusal',
    );
    expect(refused).toHaveLength(3);
  });

  it('takes the vote in the channel of the request message', async () => {
    await h.command(`approve ${op.id}`, 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 3)).toContain('is approved');
  });
});
