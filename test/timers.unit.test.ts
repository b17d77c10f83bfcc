import { fakeClock } from '../src/clock';
import { fakeTimers, systemTimers } from '../src/timers';

describe('fakeTimers', () => {
  const START_MS = Date.parse('2026-01-01T00:00:00Z');

  it('fires nothing until advanced, then what fell due, earliest first, with the clock at its time', () => {
    const timers = fakeTimers(fakeClock('2026-01-01T00:00:00Z'));
    const fired: [string, number][] = [];
    const at = (name: string, offsetMs: number) =>
      timers.at(START_MS + offsetMs, () => fired.push([name, timers.clock.now().toMillis()]));
    at('late', 3000);
    at('early', 1000);
    at('later still', 9000);
    expect(fired).toEqual([]);
    timers.advance(5000);
    expect(fired).toEqual([
      ['early', START_MS + 1000],
      ['late', START_MS + 3000],
    ]);
    expect(timers.clock.now().toMillis()).toBe(START_MS + 5000);
    expect(timers.pending()).toBe(1);
  });

  it('fires a wake-up armed while firing when it falls due within the same advance', () => {
    const timers = fakeTimers();
    const base = timers.clock.now().toMillis();
    const fired: number[] = [];
    const every = (ms: number) => {
      timers.at(timers.clock.now().toMillis() + ms, () => {
        fired.push(timers.clock.now().toMillis() - base);
        every(ms);
      });
    };
    every(1000);
    timers.advance(3500);
    expect(fired).toEqual([1000, 2000, 3000]);
    expect(timers.pending()).toBe(1);
  });

  it('cancels, and fires what is overdue after the clock was set directly', () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const timers = fakeTimers(clock);
    const fired: string[] = [];
    const cancel = timers.at(START_MS + 10, () => fired.push('cancelled'));
    timers.at(START_MS + 60_000, () => fired.push('overdue'));
    cancel();
    clock.advance({ minutes: 5 });
    expect(fired).toEqual([]);
    timers.advance(0);
    expect(fired).toEqual(['overdue']);
    expect(timers.pending()).toBe(0);
  });
});

describe('systemTimers', () => {
  it('fires at a time already past at once, and not after it is cancelled', async () => {
    const timers = systemTimers();
    const fired = await new Promise<string>((resolve) => {
      timers.at(0, () => resolve('past'));
    });
    expect(fired).toBe('past');
    let late = false;
    const cancel = timers.at(
      timers.clock.now().toMillis() + 60_000,
      () => {
        late = true;
      },
      { unref: true },
    );
    cancel();
    expect(late).toBe(false);
  });
});
