import { requestOperation } from '../../../src/approval/request-operation';
import type { Operation } from '../../../src/core/types';
import type { FakeTimers } from '../../../src/timers';
import { eventually } from '../../support/eventually';
import { botHarness, type BotHarness } from '../support/bot-harness';

/**
 * The notifier against the recording Web API and a real Redis, paced on fake timers: a test
 * moves the pacing's time itself, and waits on the Slack calls and the handled events, never on
 * the wall clock.
 */
describe('the notifier', () => {
  let h: BotHarness;
  afterEach(async () => {
    await h.close();
  });

  async function drill(environment = 'shop-prod'): Promise<Operation> {
    const result = await requestOperation(h.deps, {
      kind: 'drill',
      environment,
      requestedBy: 'lifeboat',
    });
    if (!result.ok) throw new Error(result.message);
    return eventually(
      async () => {
        const op = await h.deps.operations.get(result.op.id);
        return op?.slack ? op : undefined;
      },
      { what: `the request message of ${result.op.id}` },
    );
  }
  const update = (op: Operation, change: (op: Operation) => Operation) =>
    h.deps.operations.update(op.id, (current) => ({ op: change(current) }));
  const updatesOf = (op: Operation) =>
    h.slack.callsTo('chat.update').filter((c) => c.args.ts === op.slack?.ts);
  /** A bot whose notifier is paced on fake timers over the harness's clock. */
  async function pacedBot(name: string): Promise<FakeTimers> {
    h = await botHarness(name, {}, { fakeTimers: true });
    if (!h.timers) throw new Error('the harness did not make fake timers');
    return h.timers;
  }
  /** Moves the pacing on by `ms` and waits for the Slack calls it woke to end. */
  async function advance(timers: FakeTimers, ms: number): Promise<void> {
    timers.advance(ms);
    await h.bot.notifier.settled();
  }

  it('posts a request made outside Slack (a scheduled drill) once, even when the event is delivered twice', async () => {
    const timers = await pacedBot('post');
    h.seedShopPoints(3_600_000);
    const op = await drill();
    await h.deps.events.publish({ type: 'operation.updated', operationId: op.id });
    await h.eventsHandled();
    // The second delivery finds the message posted: it is an update, a second after the post.
    expect(updatesOf(op)).toHaveLength(0);
    await advance(timers, 1000);
    expect(updatesOf(op)).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(JSON.stringify(h.slack.callsTo('chat.postMessage')[0]?.args.blocks)).toContain(
      'Drill of shop-prod',
    );
  });

  it('threads steps under the request, coalesces updates to one a second, and ends with the achieved RTO and RPO', async () => {
    const timers = await pacedBot('progress');
    h.seedShopPoints(3_600_000);
    const op = await drill();
    await update(op, (o) => ({
      ...o,
      state: 'running',
      startedAt: o.requestedAt,
      steps: [{ name: 'restore', state: 'running' }],
    }));
    await h.deps.events.publish({
      type: 'operation.step',
      operationId: op.id,
      step: 'restore',
      state: 'running',
      text: 'restoring 3 resources in eu-central-1',
    });
    for (let i = 0; i < 20; i++)
      await h.deps.events.publish({ type: 'operation.updated', operationId: op.id });
    await h.eventsHandled();
    const [line, thread] = h.slack.callsTo('chat.postMessage');
    expect(line?.args.thread_ts).toBeUndefined();
    expect(thread?.args.thread_ts).toBe(op.slack?.ts);
    expect(thread?.args.text).toContain('restoring 3 resources');

    // 20 events in a burst, less than a second after the post: one update when the second is up,
    // with the latest state, and nothing left waiting.
    expect(updatesOf(op)).toHaveLength(0);
    await advance(timers, 999);
    expect(updatesOf(op)).toHaveLength(0);
    await advance(timers, 1);
    expect(updatesOf(op)).toHaveLength(1);
    expect(JSON.stringify(updatesOf(op)[0]?.args.blocks)).toContain('RTO clock');
    expect(h.bot.notifier.busy()).toBe(false);

    // A change just after that update waits for the next second.
    await h.deps.events.publish({ type: 'operation.updated', operationId: op.id });
    await h.eventsHandled();
    await advance(timers, 999);
    expect(updatesOf(op)).toHaveLength(1);
    await advance(timers, 1);
    expect(updatesOf(op)).toHaveLength(2);

    h.clock.advance({ minutes: 45 });
    await update(op, (o) => ({
      ...o,
      state: 'succeeded',
      finishedAt: '2026-03-01T12:45:00.000Z',
      steps: [
        {
          name: 'restore',
          state: 'done',
          startedAt: o.requestedAt,
          endedAt: '2026-03-01T12:40:00.000Z',
        },
      ],
      outcome: { rtoMs: 40 * 60_000, worstDataLossMs: 3_600_000 },
    }));
    await h.deps.events.publish({ type: 'operation.updated', operationId: op.id });
    const final = await eventually(() =>
      updatesOf(op).find((c) => JSON.stringify(c.args.blocks).includes('Outcome')),
    );
    expect(JSON.stringify(final.args.blocks)).toContain(
      'RTO 40m of 1d (met) · data loss 1h of 4h (met)',
    );
  });

  it('lets a 429 delay only the message it was for', async () => {
    const timers = await pacedBot('ratelimit');
    h.seedShopPoints(3_600_000);
    h.emulator.control.seedRecoveryPoint({
      region: 'us-west-2',
      vaultName: 'payments-dr',
      resourceArn: 'arn:aws:rds:us-east-1:111122223333:db:ledger',
      ageMs: 3_600_000,
    });
    h.emulator.control.seedRecoveryPoint({
      region: 'us-west-2',
      vaultName: 'payments-dr',
      resourceArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/payment-intents',
      ageMs: 3_600_000,
    });
    const slow = await drill('shop-prod');
    const fast = await drill('payments-prod');
    // Past the second after both posts, so both updates are due at once.
    await advance(timers, 1000);
    h.slack.rateLimit({ method: 'chat.update', ts: slow.slack?.ts ?? '', retryAfterSeconds: 2 });

    await h.deps.events.publish({ type: 'operation.updated', operationId: slow.id });
    await h.deps.events.publish({ type: 'operation.updated', operationId: fast.id });
    await h.eventsHandled();
    expect(h.slack.calls.filter((c) => c.status === 429)).toHaveLength(1);
    // The fast message was updated while the pacing's time stood still; the slow one waits 2 s.
    expect(updatesOf(fast)).toHaveLength(1);
    expect(updatesOf(slow)).toHaveLength(0);
    await advance(timers, 1999);
    expect(updatesOf(slow)).toHaveLength(0);
    await advance(timers, 1);
    expect(updatesOf(slow)).toHaveLength(1);
    expect(h.slack.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });

  it('posts RPO alerts and backup results to the channel', async () => {
    h = await botHarness('alerts');
    await h.deps.events.publish({
      type: 'rpo.alert',
      environment: 'shop-prod',
      status: 'breached',
      exposureMs: 5 * 3_600_000,
      rpoTargetMs: 4 * 3_600_000,
      reason: 'the last copy failed',
    });
    await h.deps.events.publish({
      type: 'rpo.recovered',
      environment: 'shop-prod',
      exposureMs: 600_000,
      rpoTargetMs: 4 * 3_600_000,
    });
    await h.deps.events.publish({
      type: 'backup.failed',
      environment: 'shop-prod',
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:shop',
      kind: 'copy',
      message: 'AccessDenied',
    });
    await h.deps.events.publish({
      type: 'backup.finished',
      environment: 'shop-prod',
      trigger: 'manual',
      requestedBy: 'U0BOB',
      outcome: 'succeeded',
      copied: 3,
      failed: 0,
      message: 'all copied',
    });
    const posts = await h.slack.waitFor('chat.postMessage', 4);
    const texts = posts.map((p) => String(p.args.text));
    expect(texts[0]).toContain('RPO breached: 5h of 4h');
    expect(texts[1]).toContain('holds its RPO again');
    expect(texts[2]).toContain('copy of RDS shop failed');
    expect(texts[3]).toContain('requested by <@U0BOB> succeeded: 3 copied');
    expect(posts.every((p) => p.args.channel === 'C0DRCHANNEL')).toBe(true);
  });

  it('moves the RTO clock of a running operation even when no step changes', async () => {
    const timers = await pacedBot('clock');
    h.seedShopPoints(3_600_000);
    const op = await drill();
    await update(op, (o) => ({ ...o, state: 'running', startedAt: o.requestedAt }));
    // No event: only the refresh, once a minute, renders the moving clock.
    for (const minute of [1, 2]) {
      await advance(timers, 60_000);
      await eventually(() => (updatesOf(op).length >= minute ? true : undefined), {
        what: `the refresh of the RTO clock at minute ${minute}`,
      });
      // The next refresh is armed when this one has looked at every environment.
      await eventually(() => (timers.pending() > 0 ? true : undefined), {
        what: 'the next refresh to be armed',
      });
    }
    expect(updatesOf(op)).toHaveLength(2);
    expect(JSON.stringify(updatesOf(op).at(-1)?.args.blocks)).toContain('RTO clock');
  });
});
