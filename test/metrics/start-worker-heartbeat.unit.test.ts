import { fakeClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { startWorkerHeartbeat } from '../../src/metrics/start-worker-heartbeat';
import { fakeTimers } from '../../src/timers';
import { createMemoryWorkerHeartbeats } from '../../src/store/memory/worker-heartbeats';

const START = '2026-03-01T12:00:00.000Z';
const nowMs = Date.parse(START);

describe('startWorkerHeartbeat', () => {
  it('beats at once and every few seconds, each beat lasting three, and withdraws on stop', async () => {
    const timers = fakeTimers(fakeClock(START));
    const heartbeats = createMemoryWorkerHeartbeats();
    const beating = await startWorkerHeartbeat({
      heartbeats,
      timers,
      workers: ['operations', 'expiry'],
      logger: createLogger('silent'),
      everyMs: 5_000,
      processId: 'host-a:1',
    });
    expect(beating.processId).toBe('host-a:1');
    expect(await heartbeats.alive(nowMs)).toEqual([
      { processId: 'host-a:1', worker: 'operations', untilMs: nowMs + 15_000 },
      { processId: 'host-a:1', worker: 'expiry', untilMs: nowMs + 15_000 },
    ]);

    timers.advance(5_000);
    await beating.settled();
    expect((await heartbeats.alive(nowMs))[0]?.untilMs).toBe(nowMs + 20_000);

    await beating.stop();
    expect(await heartbeats.alive(nowMs)).toEqual([]);
    expect(timers.pending()).toBe(0);
  });

  it('keeps beating after a beat fails', async () => {
    const timers = fakeTimers(fakeClock(START));
    const heartbeats = createMemoryWorkerHeartbeats();
    let failures = 1;
    const flaky = {
      ...heartbeats,
      beat: (...args: Parameters<typeof heartbeats.beat>) =>
        failures-- > 0 ? Promise.reject(new Error('Command timed out')) : heartbeats.beat(...args),
    };
    const beating = await startWorkerHeartbeat({
      heartbeats: flaky,
      timers,
      workers: ['monitor'],
      logger: createLogger('silent'),
      everyMs: 5_000,
    });
    expect(await heartbeats.alive(nowMs)).toEqual([]);
    timers.advance(5_000);
    await beating.settled();
    expect(await heartbeats.alive(nowMs)).toEqual([
      { processId: beating.processId, worker: 'monitor', untilMs: nowMs + 20_000 },
    ]);
    await beating.stop();
  });
});
