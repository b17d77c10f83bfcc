import { postToSlackEndpoint, slashCommandBody } from '../support/slack-signing';
import { botHarness, type BotHarness } from './bot-harness';

const ROUNDS = 15;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('acknowledgement latency', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('ack');
    h.seedShopPoints(3_600_000);
    // The baseline: a Bolt command that only acknowledges, on the same app and port.
    h.bot.app.command('/noop', async ({ ack }) => {
      await ack();
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const noop = () =>
    postToSlackEndpoint(
      `${h.url}/slack/events`,
      slashCommandBody({ text: '', userId: 'U0ALICE' }).replace('command=%2Fdr', 'command=%2Fnoop'),
      'application/x-www-form-urlencoded',
    );

  it('acknowledges /dr status and a failover request as fast as a no-op command, and under load within 3 s', async () => {
    const baseline: number[] = [];
    const status: number[] = [];
    const failover: number[] = [];
    let answers = 0;
    for (let i = 0; i < ROUNDS; i++) {
      baseline.push((await noop()).ms);
      status.push((await h.command('status', 'U0BOB')).ms);
      await h.nextEphemeral('U0BOB', i + 1);
      const res = await h.command('failover shop-prod --reason "latency"', 'U0ALICE');
      failover.push(res.ms);
      const reply = await h.nextEphemeral('U0ALICE', ++answers);
      const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1];
      if (!id) throw new Error(reply);
      await h.command(`cancel ${id}`, 'U0ALICE');
      await h.nextEphemeral('U0ALICE', ++answers);
    }
    const noopBurst = await Promise.all(Array.from({ length: 40 }, () => noop()));
    // Load: 40 commands at once, each doing its Redis and AWS work after the ack.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? h.command('status', 'U0CAROL')
          : h.command('failover shop-prod --reason "load"', 'U0ALICE'),
      ),
    );
    // Every command of the burst is answered (one failover was taken at most, the rest refused).
    await h.nextEphemeral('U0CAROL', 20);
    await h.nextEphemeral('U0ALICE', answers + 20);
    const table = {
      baselineMedianMs: median(baseline),
      statusMedianMs: median(status),
      failoverMedianMs: median(failover),
      statusRatio: median(status) / median(baseline),
      failoverRatio: median(failover) / median(baseline),
      burstMaxMs: Math.max(...burst.map((b) => b.ms)),
      noopBurstMaxMs: Math.max(...noopBurst.map((b) => b.ms)),
      burstMaxRatio: Math.max(...burst.map((b) => b.ms)) / Math.max(...noopBurst.map((b) => b.ms)),
    };
    console.log(`ack latency\n${JSON.stringify(table, null, 2)}`);
    expect(burst.every((b) => b.status === 200)).toBe(true);
    expect(table.burstMaxMs).toBeLessThan(3000);
    expect(Math.max(...status, ...failover)).toBeLessThan(3000);
  });
});
