import { startJobs } from '../../jobs';
import type { Operation } from '../../src/core/types';
import { eventually } from '../support/eventually';
import { botHarness, type BotHarness } from './support/bot-harness';

describe('one failover, from /dr to the final message', () => {
  let h: BotHarness;
  let workers: { close(): Promise<void> } | undefined;
  afterAll(async () => {
    await workers?.close();
    await h.close();
  });

  it('posts the request, threads every step and ends with the achieved RTO and RPO', async () => {
    h = await botHarness('e2e', {}, { realClock: true });
    workers = await startJobs(h.deps, h.infra);
    h.seedShopPoints(2 * 3_600_000);

    await h.command('failover shop-prod --reason "eu-west-1 is degraded"', 'U0ALICE');
    const reply = await h.nextEphemeral('U0ALICE', 1);
    const id = /\*(op-[a-z0-9]+)\*/.exec(reply)?.[1] ?? '';
    await eventually(async () => ((await h.deps.operations.get(id))?.slack ? true : undefined));
    await h.click('dr_approve', id, 'U0BOB');

    const done = await eventually(
      async () => {
        const op = await h.deps.operations.get(id);
        return op && ['succeeded', 'failed', 'cancelled'].includes(op.state) ? op : undefined;
      },
      { timeoutMs: 60_000, what: 'the failover to end' },
    );
    const final = await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .find((c) => JSON.stringify(c.args.blocks).includes('*Outcome:*')) ?? undefined,
      { timeoutMs: 10_000, what: 'the final message' },
    );
    const calls = h.slack.calls
      .filter((c) => c.method !== 'auth.test')
      .map(
        (c) =>
          `${c.method}${c.args.thread_ts ? ' (thread)' : ''}${c.status !== 200 ? ` ${c.status}` : ''}`,
      );
    const counts = calls.reduce<Record<string, number>>(
      (acc, m) => ({ ...acc, [m]: (acc[m] ?? 0) + 1 }),
      {},
    );
    console.log(
      `failover ${(done as Operation).state}: Slack calls in order\n${calls.join('\n')}\n${JSON.stringify(counts, null, 2)}\nthread:\n${h.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.thread_ts)
        .map((c) => String(c.args.text))
        .join('\n')}`,
    );
    expect(done.state).toBe('succeeded');
    expect(JSON.stringify(final.args.blocks)).toMatch(/RTO .* of 1d \(met\)/);
    const channelPosts = h.slack.callsTo('chat.postMessage').filter((c) => !c.args.thread_ts);
    console.log(channelPosts.map((c) => String(c.args.text)).join('\n'));
    // The request message, updated in place; every step in its thread.
    expect(
      channelPosts.filter((c) => String(c.args.text).startsWith('Failover of shop-prod')),
    ).toHaveLength(1);
    expect(counts['chat.postMessage (thread)']).toBeGreaterThanOrEqual(5);
  });
});
