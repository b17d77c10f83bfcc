import { createLaneRunner, MAX_FAILURES } from '../../../src/bot/notifier/lane-runner';
import type { MessageLane } from '../../../src/bot/notifier/message-lane';
import { createLogger } from '../../../src/logger';
import { RateLimited } from '../../../src/slack/rate-limited';
import { fakeTimers, type FakeTimers } from '../../../src/timers';

describe('the lane runner', () => {
  let timers: FakeTimers;
  const logger = createLogger('silent');
  const nowMs = () => timers.clock.now().toMillis();
  beforeEach(() => {
    timers = fakeTimers();
  });

  /** Lanes whose passes post their lines (recorded), failing where `fail` says. */
  function runner(fail: (key: string, attempt: number) => Error | undefined = () => undefined) {
    const posted: string[] = [];
    const attempts = new Map<string, number>();
    const givenUp: string[] = [];
    const lanes = createLaneRunner({
      timers,
      logger,
      work: (key: string, lane: MessageLane) => {
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        const error = fail(key, attempt);
        if (error) return Promise.reject(error);
        posted.push(...lane.thread.splice(0).map((line) => `${key}: ${line}`));
        lane.dirty = false;
        return Promise.resolve();
      },
      onGiveUp: (key) => {
        givenUp.push(key);
        return Promise.resolve();
      },
    });
    /** Moves the pacing on and waits for the passes that woke. */
    const advance = async (ms: number) => {
      timers.advance(ms);
      await lanes.settled();
    };
    return { lanes, posted, attempts, givenUp, advance };
  }

  it('lets a 429 hold back its own lane only, until Retry-After has passed', async () => {
    const { lanes, posted, advance } = runner((key, attempt) =>
      key === 'slow' && attempt === 1 ? new RateLimited(2000) : undefined,
    );
    await lanes.post('slow', 'one');
    await lanes.post('fast', 'two');
    await lanes.post('slow', 'three');
    expect(posted).toEqual(['fast: two']);
    await advance(1999);
    expect(posted).toEqual(['fast: two']);
    expect(lanes.busy()).toBe(true);
    await advance(1);
    expect(posted).toEqual(['fast: two', 'slow: one', 'slow: three']);
    expect(lanes.busy()).toBe(false);
    await lanes.stop();
  });

  it('retries a failing lane after 2 s and 4 s, then drops its work and gives up', async () => {
    const { lanes, attempts, givenUp, posted, advance } = runner((key) =>
      key === 'broken' ? new Error('channel_not_found') : undefined,
    );
    await lanes.post('broken', 'line');
    expect(attempts.get('broken')).toBe(1);
    await advance(1999);
    expect(attempts.get('broken')).toBe(1);
    await advance(1);
    expect(attempts.get('broken')).toBe(2);
    await lanes.post('other', 'meanwhile');
    expect(posted).toEqual(['other: meanwhile']);
    await advance(3999);
    expect(givenUp).toEqual([]);
    await advance(1);
    expect(attempts.get('broken')).toBe(MAX_FAILURES);
    expect(givenUp).toEqual(['broken']);
    expect(lanes.busy()).toBe(false);
    await advance(60_000);
    expect(attempts.get('broken')).toBe(MAX_FAILURES);
    await lanes.stop();
  });

  it('counts failures afresh after a pass that works', async () => {
    const { lanes, attempts, givenUp, advance } = runner((_key, attempt) =>
      [1, 3, 4].includes(attempt) ? new Error('fatal_error') : undefined,
    );
    await lanes.post('flaky', 'a');
    await advance(2000);
    await lanes.render('flaky');
    await advance(2000);
    await advance(4000);
    expect(attempts.get('flaky')).toBe(5);
    expect(givenUp).toEqual([]);
    await lanes.stop();
  });

  it('keeps a lane while its pacing is in force, so a sweep never lets an update jump the queue', async () => {
    const passes: number[] = [];
    const start = nowMs();
    const lanes = createLaneRunner({
      timers,
      logger,
      work: (_key, lane) => {
        if (nowMs() < lane.nextUpdateAtMs) {
          lane.wakeAt(lane.nextUpdateAtMs);
          return Promise.resolve();
        }
        passes.push(nowMs() - start);
        lane.dirty = false;
        lane.nextUpdateAtMs = nowMs() + 1000;
        return Promise.resolve();
      },
      onGiveUp: () => Promise.resolve(),
    });
    await lanes.render('op-1');
    timers.advance(500);
    lanes.sweep();
    await lanes.render('op-1');
    expect(passes).toEqual([0]);
    timers.advance(500);
    await lanes.settled();
    expect(passes).toEqual([0, 1000]);
    await lanes.stop();
  });
});
