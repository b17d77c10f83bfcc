import { MessageLane } from '../../../src/bot/notifier/message-lane';
import { RateLimited } from '../../../src/slack/rate-limited';
import { fakeTimers, type FakeTimers } from '../../../src/timers';

describe('MessageLane', () => {
  let timers: FakeTimers;
  let startMs: number;
  const nowMs = () => timers.clock.now().toMillis();
  beforeEach(() => {
    timers = fakeTimers();
    startMs = nowMs();
  });

  it('wakes at the earliest time it is asked for, not the first', async () => {
    const passes: number[] = [];
    const lane = new MessageLane(
      () => {
        passes.push(nowMs() - startMs);
        return Promise.resolve();
      },
      () => undefined,
      timers,
    );
    lane.wakeAt(startMs + 5000);
    lane.wakeAt(startMs + 1000);
    lane.wakeAt(startMs + 3000);
    timers.advance(6000);
    await lane.settled();
    expect(passes).toEqual([1000]);
    expect(timers.pending()).toBe(0);
    await lane.stop();
  });

  it('holds every pass until Retry-After has passed, then runs once', async () => {
    let calls = 0;
    const lane = new MessageLane(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new RateLimited(2000)) : Promise.resolve();
      },
      () => undefined,
      timers,
    );
    await lane.kick();
    expect(lane.busy).toBe(true);
    await lane.kick();
    timers.advance(1999);
    await lane.settled();
    expect(calls).toBe(1);
    timers.advance(1);
    await lane.settled();
    expect(calls).toBe(2);
    expect(lane.busy).toBe(false);
    await lane.stop();
  });

  it('is idle only when nothing waits and no pacing is still in force', async () => {
    const lane = new MessageLane(
      (l) => {
        l.nextUpdateAtMs = nowMs() + 1000;
        return Promise.resolve();
      },
      () => undefined,
      timers,
    );
    expect(lane.idle).toBe(true);
    lane.dirty = true;
    expect(lane.idle).toBe(false);
    lane.dirty = false;
    await lane.kick();
    expect(lane.busy).toBe(false);
    expect(lane.idle).toBe(false);
    timers.advance(1000);
    expect(lane.idle).toBe(true);
    await lane.stop();
  });

  it('runs another pass when kicked during one, and none after it is stopped', async () => {
    let release: () => void = () => undefined;
    let passes = 0;
    const lane = new MessageLane(
      () => {
        passes += 1;
        return passes === 1
          ? new Promise<void>((resolve) => (release = resolve))
          : Promise.resolve();
      },
      () => undefined,
      timers,
    );
    const first = lane.kick();
    const second = lane.kick();
    release();
    await Promise.all([first, second]);
    expect(passes).toBe(2);
    lane.wakeAt(nowMs() + 1000);
    await lane.stop();
    timers.advance(1000);
    await lane.kick();
    expect(passes).toBe(2);
    expect(timers.pending()).toBe(0);
  });
});
