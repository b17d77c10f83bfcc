import { botHarness, type BotHarness } from '../test/bot/support/bot-harness';
import { postToSlackEndpoint, slashCommandBody } from '../test/support/slack-signing';
import { fromSamples, row, type BenchRow } from './measure';

const WARMUP = 3;
const ROUNDS = 30;
const BURSTS = 5;
const BURST_SIZE = 40;
const NOOP_BASELINE = 'no-op Bolt slash command, same app';

/**
 * How fast the real Bolt app (startBot, signed HTTP, a local recording Web API) acknowledges
 * `/dr status` and `/dr failover shop-prod --reason "…"`, and the slowest acknowledgement of a
 * burst of 40 of them at once, against a slash command that only acknowledges, registered on the
 * same app and posted in the same rounds. Each failover request is cancelled afterwards so the
 * environment's lock is free for the next one.
 */
export async function benchAckLatency(): Promise<BenchRow[]> {
  const h = await botHarness('bench-ack');
  try {
    h.seedShopPoints(3_600_000);
    h.bot.app.command('/noop', async ({ ack }) => {
      await ack();
    });
    const answers = answerCounter(h);
    const noop = () =>
      acked(
        postToSlackEndpoint(
          `${h.url}/slack/events`,
          slashCommandBody({ text: '', userId: 'U0ALICE' }).replace(
            'command=%2Fdr',
            'command=%2Fnoop',
          ),
          'application/x-www-form-urlencoded',
        ),
      );
    const status = async () => {
      const ms = await acked(h.command('status', 'U0BOB'));
      await answers.next('U0BOB');
      return ms;
    };
    const failover = async () => {
      const ms = await acked(
        h.command('failover shop-prod --reason "ack latency bench"', 'U0ALICE'),
      );
      const reply = await answers.next('U0ALICE');
      const id = requestedId(reply);
      if (!id) throw new Error(`failover request not accepted: ${reply}`);
      await cancel(h, answers, id);
      return ms;
    };

    const baseline: number[] = [];
    const statusMs: number[] = [];
    const failoverMs: number[] = [];
    const kinds = [
      { send: noop, into: baseline },
      { send: status, into: statusMs },
      { send: failover, into: failoverMs },
    ];
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      // Each round starts with a different kind, so none always meets the idlest process.
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length];
        if (!kind) continue;
        const ms = await kind.send();
        if (i >= WARMUP) kind.into.push(ms);
      }
    }

    const noopBurstMax: number[] = [];
    const burstMax: number[] = [];
    for (let i = 0; i < BURSTS; i++) {
      // Alternate which burst goes first, so neither always meets a warmer process.
      if (i % 2 === 0) {
        noopBurstMax.push(await burstOf(() => noop()));
        burstMax.push(await mixedBurst(h, answers));
      } else {
        burstMax.push(await mixedBurst(h, answers));
        noopBurstMax.push(await burstOf(() => noop()));
      }
    }

    const base = fromSamples(baseline);
    return [
      row('Slack ack: /dr status', NOOP_BASELINE, fromSamples(statusMs), base),
      row('Slack ack: /dr failover request', NOOP_BASELINE, fromSamples(failoverMs), base),
      row(
        `Slack ack: burst of ${BURST_SIZE} mixed, slowest`,
        `burst of ${BURST_SIZE} no-op commands, slowest`,
        fromSamples(burstMax),
        fromSamples(noopBurstMax),
        `median of ${BURSTS} bursts; half /dr status, half failover requests`,
      ),
    ];
  } finally {
    await h.close();
  }
}

/** Counts the ephemeral answers each user has had, to wait for the next one. */
function answerCounter(h: BotHarness) {
  const seen = new Map<string, number>();
  return {
    async next(userId: string, count = 1): Promise<string> {
      const n = (seen.get(userId) ?? 0) + count;
      seen.set(userId, n);
      return h.nextEphemeral(userId, n);
    },
    /** The answers from the nth (1-based) on. */
    since(userId: string, from: number): string[] {
      return h.ephemerals(userId).slice(from - 1);
    },
    count(userId: string): number {
      return seen.get(userId) ?? 0;
    },
  };
}

type Answers = ReturnType<typeof answerCounter>;

async function acked(request: ReturnType<typeof postToSlackEndpoint>): Promise<number> {
  const res = await request;
  if (res.status !== 200) throw new Error(`acknowledged with ${res.status}: ${res.text}`);
  return res.ms;
}

async function burstOf(send: () => Promise<number>): Promise<number> {
  const times = await Promise.all(Array.from({ length: BURST_SIZE }, () => send()));
  return Math.max(...times);
}

/** Half `/dr status`, half failover requests at once; at most one request takes the lock. */
async function mixedBurst(h: BotHarness, answers: Answers): Promise<number> {
  const from = answers.count('U0ALICE') + 1;
  let i = 0;
  const slowest = await burstOf(() =>
    acked(
      i++ % 2 === 0
        ? h.command('status', 'U0CAROL')
        : h.command('failover shop-prod --reason "ack latency burst"', 'U0ALICE'),
    ),
  );
  await answers.next('U0CAROL', BURST_SIZE / 2);
  await answers.next('U0ALICE', BURST_SIZE / 2);
  const taken = answers.since('U0ALICE', from).map(requestedId).filter(Boolean) as string[];
  if (taken.length > 1) throw new Error(`${taken.length} failovers of one environment accepted`);
  for (const id of taken) await cancel(h, answers, id);
  return slowest;
}

async function cancel(h: BotHarness, answers: Answers, id: string): Promise<void> {
  await acked(h.command(`cancel ${id}`, 'U0ALICE'));
  await answers.next('U0ALICE');
}

function requestedId(reply: string): string | undefined {
  return /Requested \*(op-[a-z0-9]+)\*/.exec(reply)?.[1];
}
