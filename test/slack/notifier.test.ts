import { requestOperation } from '../../src/approval/request-operation';
import type { Operation } from '../../src/core/types';
import { eventually, sleep } from '../support/eventually';
import { botHarness, type BotHarness } from './bot-harness';

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

  it('posts a request made outside Slack (a scheduled drill) once, even when the event is delivered twice', async () => {
    h = await botHarness('post');
    h.seedShopPoints(3_600_000);
    const op = await drill();
    await h.deps.events.publish({ type: 'operation.updated', operationId: op.id });
    await sleep(300);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(JSON.stringify(h.slack.callsTo('chat.postMessage')[0]?.args.blocks)).toContain(
      'Drill of shop-prod',
    );
  });

  it('threads steps under the request, coalesces updates to one a second, and ends with the achieved RTO and RPO', async () => {
    h = await botHarness('progress');
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
    const [line] = await h.slack.waitFor('chat.postMessage', 2);
    const thread = h.slack.callsTo('chat.postMessage')[1];
    expect(line?.args.thread_ts).toBeUndefined();
    expect(thread?.args.thread_ts).toBe(op.slack?.ts);
    expect(thread?.args.text).toContain('restoring 3 resources');

    await eventually(() => (updatesOf(op).length >= 1 ? true : undefined));
    await sleep(1500);
    const updates = updatesOf(op);
    // 20 events in a burst: at most one update now and one a second later with the latest state.
    expect(updates.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < updates.length; i++) {
      expect((updates[i]?.atMs ?? 0) - (updates[i - 1]?.atMs ?? 0)).toBeGreaterThanOrEqual(950);
    }
    expect(JSON.stringify(updates[updates.length - 1]?.args.blocks)).toContain('RTO clock');

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
    h = await botHarness('ratelimit');
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
    await sleep(1100);
    h.slack.rateLimit({ method: 'chat.update', ts: slow.slack?.ts ?? '', retryAfterSeconds: 2 });

    const started = performance.now();
    await h.deps.events.publish({ type: 'operation.updated', operationId: slow.id });
    await h.deps.events.publish({ type: 'operation.updated', operationId: fast.id });
    await eventually(() => (updatesOf(fast).length > 0 ? true : undefined));
    const fastMs = (updatesOf(fast)[0]?.atMs ?? 0) - started;
    await eventually(() => (updatesOf(slow).length > 0 ? true : undefined), { timeoutMs: 6000 });
    const slowMs = (updatesOf(slow)[0]?.atMs ?? 0) - started;
    const limited = h.slack.calls.filter((c) => c.status === 429);
    expect(limited).toHaveLength(1);
    expect(fastMs).toBeLessThan(1000);
    expect(slowMs).toBeGreaterThanOrEqual(2000);
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
    h = await botHarness('clock', {}, { clockRefreshMs: 100, minUpdateIntervalMs: 100 });
    h.seedShopPoints(3_600_000);
    const op = await drill();
    await update(op, (o) => ({ ...o, state: 'running', startedAt: o.requestedAt }));
    const before = updatesOf(op).length;
    await eventually(() => (updatesOf(op).length >= before + 2 ? true : undefined), {
      what: 'two refreshes of the RTO clock',
    });
    expect(JSON.stringify(updatesOf(op).at(-1)?.args.blocks)).toContain('RTO clock');
  });
});
