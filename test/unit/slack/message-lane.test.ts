import { MessageLane } from '../../../src/bot/notifier/message-lane';
import { RateLimited } from '../../../src/slack/rate-limited';

describe('MessageLane', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('wakes at the earliest time it is asked for, not the first', async () => {
    const passes: number[] = [];
    const lane = new MessageLane(
      () => {
        passes.push(Date.now());
        return Promise.resolve();
      },
      () => undefined,
    );
    lane.wakeAt(5000);
    lane.wakeAt(1000);
    lane.wakeAt(3000);
    await jest.advanceTimersByTimeAsync(6000);
    expect(passes).toEqual([1000]);
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
    );
    await lane.kick();
    expect(lane.busy).toBe(true);
    await lane.kick();
    await jest.advanceTimersByTimeAsync(1999);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(lane.busy).toBe(false);
    await lane.stop();
  });

  it('is idle only when nothing waits and no pacing is still in force', async () => {
    const lane = new MessageLane(
      (l) => {
        l.nextUpdateAtMs = Date.now() + 1000;
        return Promise.resolve();
      },
      () => undefined,
    );
    expect(lane.idle).toBe(true);
    lane.dirty = true;
    expect(lane.idle).toBe(false);
    lane.dirty = false;
    await lane.kick();
    expect(lane.busy).toBe(false);
    expect(lane.idle).toBe(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(lane.idle).toBe(true);
    await lane.stop();
  });
});
