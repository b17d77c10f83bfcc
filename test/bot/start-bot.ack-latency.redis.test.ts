import { botHarness, type BotHarness } from './support/bot-harness';

/** Acknowledgement latency itself is measured by `npm run bench` (bench/bench-ack-latency.ts). */
describe('many commands at once', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('ack');
    h.seedShopPoints(3_600_000);
  });
  afterAll(async () => {
    await h.close();
  });

  it('acknowledges 40 commands at once with 200, answers each, and lets one failover take the environment', async () => {
    // Each command does its Redis and AWS work after the ack.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? h.command('status', 'U0CAROL')
          : h.command('failover shop-prod --reason "load"', 'U0ALICE'),
      ),
    );
    expect(burst.map((b) => b.status)).toEqual(Array.from({ length: 40 }, () => 200));

    await h.nextEphemeral('U0CAROL', 20);
    await h.nextEphemeral('U0ALICE', 20);
    const requests = h.ephemerals('U0ALICE');
    expect(h.ephemerals('U0CAROL')).toEqual(
      Array.from({ length: 20 }, () => expect.stringContaining('Status of every environment')),
    );
    expect(requests).toHaveLength(20);
    const accepted = requests.filter((r) => /Requested \*op-[a-z0-9]+\*/.test(r));
    expect(accepted).toHaveLength(1);
    const id = /\*(op-[a-z0-9]+)\*/.exec(accepted[0] ?? '')?.[1];
    const refused = requests.filter((r) => !accepted.includes(r));
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r).toContain('one operation at a time');
      expect(r).toContain(`/dr cancel ${id}`);
    }
  });
});
