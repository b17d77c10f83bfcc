import { createConfigSource } from '../../../src/config/config-source';
import type { WebClient } from '@slack/web-api';
import { createLaneRunner, type LaneRunner } from '../../../src/bot/notifier/lane-runner';
import { createMessagePoster } from '../../../src/bot/notifier/message-poster';
import { fakeClock } from '../../../src/clock';
import type { Operation } from '../../../src/core/types';
import { createLogger } from '../../../src/logger';
import { createMemoryRequestMessageStore } from '../../../src/store/memory/request-message-store';
import type { OperationStore } from '../../../src/store/operation-store';
import { fakeTimers, type FakeTimers } from '../../../src/timers';
import { requestedOp, sandboxConfig, T0 } from '../../core/support/fixtures';

interface Call {
  method: 'chat.postMessage' | 'chat.update';
  args: Record<string, unknown>;
  /** The pacing clock's time, in ms since the test began. */
  atMs: number;
}

/**
 * The notifier's lanes and Slack calls with Slack and Redis replaced: a recording Web API client,
 * operations in a map, the in-memory request message store, and pacing on fake timers.
 */
function lanesWithoutSlack() {
  const timers: FakeTimers = fakeTimers(fakeClock(T0));
  const startMs = timers.clock.now().toMillis();
  const calls: Call[] = [];
  const limited = new Set<string>();
  let seq = 0;
  const record = (method: Call['method'], args: Record<string, unknown>) => {
    if (method === 'chat.update' && limited.delete(String(args.ts))) {
      calls.push({
        method,
        args: { ...args, limited: true },
        atMs: timers.clock.now().toMillis() - startMs,
      });
      return Promise.reject(
        Object.assign(new Error('rate limited'), {
          code: 'slack_webapi_rate_limited_error',
          retryAfter: 2,
        }),
      );
    }
    calls.push({ method, args, atMs: timers.clock.now().toMillis() - startMs });
    const ts =
      method === 'chat.postMessage' ? `1767225600.${String(++seq).padStart(6, '0')}` : args.ts;
    return Promise.resolve({ ok: true, channel: args.channel, ts });
  };
  const client = {
    chat: {
      postMessage: (args: Record<string, unknown>) => record('chat.postMessage', args),
      update: (args: Record<string, unknown>) => record('chat.update', args),
    },
  } as unknown as WebClient;

  const ops = new Map<string, Operation>();
  const operations: Pick<OperationStore, 'get' | 'update'> = {
    get: (id) => Promise.resolve(ops.get(id)),
    update: (id, change) => {
      const current = ops.get(id);
      if (!current) return Promise.reject(new Error(`no operation ${id}`));
      const next = change(current);
      if (next) ops.set(id, next.op);
      return Promise.resolve({ op: next?.op ?? current, changed: next !== undefined });
    },
  };
  const config = sandboxConfig();
  const poster = createMessagePoster({
    deps: {
      config: createConfigSource(config),
      clock: timers.clock,
      logger: createLogger('silent'),
      operations: operations as OperationStore,
    },
    client,
    messages: createMemoryRequestMessageStore(timers.clock),
    timers,
    intervalMs: 1000,
    consumer: 'test',
  });
  const lanes: LaneRunner = createLaneRunner({
    timers,
    logger: createLogger('silent'),
    work: (key, lane) => poster.renderOperation(lane, key),
    onGiveUp: (key, error) => poster.tellRequesterUnposted(key, error),
  });
  return {
    timers,
    calls,
    lanes,
    channel: config.slack.channel,
    ops,
    limitNextUpdate: (ts: string) => limited.add(ts),
    updatesOf: (id: string) =>
      calls.filter(
        (c) =>
          c.method === 'chat.update' && c.args.ts === ops.get(id)?.slack?.ts && !c.args.limited,
      ),
    /** Moves the pacing on and waits for the passes it woke. */
    async advance(ms: number) {
      timers.advance(ms);
      await lanes.settled();
    },
  };
}

describe("the notifier's lanes, without Slack", () => {
  it('posts the request message once, however many renders ask for it', async () => {
    const t = lanesWithoutSlack();
    t.ops.set('op-1', requestedOp());
    await t.lanes.render('op-1');
    expect(t.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(t.calls[0]?.args.channel).toBe(t.channel);
    expect(t.ops.get('op-1')?.slack).toEqual({ channel: t.channel, ts: '1767225600.000001' });
    // The message just posted shows the state already: nothing more is due.
    await t.advance(5000);
    expect(t.calls).toHaveLength(1);

    // Renders asked for while it is being posted become one update, a second after the post.
    t.ops.set('op-2', requestedOp({ id: 'op-2' }));
    await Promise.all([t.lanes.render('op-2'), t.lanes.render('op-2'), t.lanes.render('op-2')]);
    await t.advance(1000);
    await t.advance(5000);
    expect(t.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(t.updatesOf('op-2').map((c) => c.atMs)).toEqual([6000]);
    await t.lanes.stop();
  });

  it('threads lines at once but updates the message once a second, with the latest state', async () => {
    const t = lanesWithoutSlack();
    t.ops.set('op-1', requestedOp());
    await t.lanes.render('op-1');
    t.ops.set('op-1', {
      ...(t.ops.get('op-1') as Operation),
      state: 'running',
      startedAt: T0.toISO() ?? '',
    });
    await t.lanes.post('op-1', 'restoring');
    for (let i = 0; i < 20; i++) await t.lanes.render('op-1');
    const thread = t.calls.filter((c) => c.args.thread_ts !== undefined);
    expect(thread.map((c) => c.args.text)).toEqual(['restoring']);
    expect(t.updatesOf('op-1')).toHaveLength(0);

    await t.advance(999);
    expect(t.updatesOf('op-1')).toHaveLength(0);
    await t.advance(1);
    const [first] = t.updatesOf('op-1');
    expect(first?.atMs).toBe(1000);
    expect(JSON.stringify(first?.args.blocks)).toContain('RTO clock');

    t.ops.set('op-1', {
      ...(t.ops.get('op-1') as Operation),
      state: 'cancelled',
      finishedAt: T0.toISO() ?? '',
    });
    await t.lanes.render('op-1');
    await t.lanes.render('op-1');
    // (A pass woken on the way runs when its awaits resume, at the end of the advance: steps of
    // the interval show when each update is made.)
    await t.advance(1000);
    await t.advance(10_000);
    expect(t.updatesOf('op-1').map((c) => c.atMs)).toEqual([1000, 2000]);
    expect(JSON.stringify(t.updatesOf('op-1')[1]?.args.blocks)).toContain(
      ':no_entry_sign: cancelled',
    );
    await t.lanes.stop();
  });

  it("lets a 429 delay only its own message's update", async () => {
    const t = lanesWithoutSlack();
    t.ops.set('op-slow', requestedOp({ id: 'op-slow' }));
    t.ops.set('op-fast', requestedOp({ id: 'op-fast', environment: 'payments-prod' }));
    await t.lanes.render('op-slow');
    await t.lanes.render('op-fast');
    await t.advance(1000);
    t.limitNextUpdate(t.ops.get('op-slow')?.slack?.ts ?? '');
    await t.lanes.render('op-slow');
    await t.lanes.render('op-fast');
    expect(t.updatesOf('op-fast').map((c) => c.atMs)).toEqual([1000]);
    expect(t.updatesOf('op-slow')).toHaveLength(0);
    await t.advance(1999);
    expect(t.updatesOf('op-slow')).toHaveLength(0);
    await t.advance(1);
    expect(t.updatesOf('op-slow').map((c) => c.atMs)).toEqual([3000]);
    expect(t.calls.filter((c) => c.args.limited)).toHaveLength(1);
    await t.lanes.stop();
  });
});
