import { fakeClock } from '../../src/clock';
import { checkHealth } from '../../src/metrics/check-health';
import { createMemoryWorkerHeartbeats } from '../../src/store/memory/worker-heartbeats';
import { WORKER_NAMES, type WorkerHeartbeats } from '../../src/store/worker-heartbeats';

const START = '2026-03-01T12:00:00.000Z';
const nowMs = Date.parse(START);

describe('checkHealth', () => {
  it('is healthy when Redis answers and every worker has beaten, counting the processes of each', async () => {
    const heartbeats = createMemoryWorkerHeartbeats();
    await heartbeats.beat('host-a:1', WORKER_NAMES, nowMs + 15_000);
    await heartbeats.beat('host-b:2', ['operations'], nowMs + 15_000);
    const report = await checkHealth({ heartbeats, clock: fakeClock(START), deadlineMs: 1_000 });
    expect(report).toEqual({
      healthy: true,
      body: {
        status: 'ok',
        redis: 'ok',
        workers: { operations: 2, backups: 1, monitor: 1, expiry: 1 },
      },
    });
  });

  it('is unhealthy, and says which workers and what to do, when some have not beaten lately', async () => {
    const heartbeats = createMemoryWorkerHeartbeats();
    await heartbeats.beat('host-a:1', ['operations', 'expiry'], nowMs + 15_000);
    await heartbeats.beat('host-b:2', WORKER_NAMES, nowMs);
    const report = await checkHealth({ heartbeats, clock: fakeClock(START), deadlineMs: 1_000 });
    expect(report.healthy).toBe(false);
    expect(report.body).toMatchObject({
      status: 'unhealthy',
      redis: 'ok',
      workers: { operations: 1, backups: 0, monitor: 0, expiry: 1 },
    });
    expect(report.body.problem).toMatch(
      /^no backups or monitor worker is running: .*npm run worker/,
    );
  });

  it('answers within its deadline, unhealthy, when Redis does not answer', async () => {
    const hangs: WorkerHeartbeats = {
      ...createMemoryWorkerHeartbeats(),
      alive: () => new Promise(() => undefined),
    };
    const report = await checkHealth({
      heartbeats: hangs,
      clock: fakeClock(START),
      deadlineMs: 30,
    });
    expect(report).toEqual({
      healthy: false,
      body: {
        status: 'unhealthy',
        redis: 'unreachable: no answer within 30 ms',
        problem: 'Redis does not answer, so neither do the workers',
      },
    });
  });

  it('says what Redis answered when it fails', async () => {
    const fails: WorkerHeartbeats = {
      ...createMemoryWorkerHeartbeats(),
      alive: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
    };
    const report = await checkHealth({
      heartbeats: fails,
      clock: fakeClock(START),
      deadlineMs: 30,
    });
    expect(report.body.redis).toBe('unreachable: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('in a worker process, needs that process’s own beat too', async () => {
    const heartbeats = createMemoryWorkerHeartbeats();
    await heartbeats.beat('elsewhere:1', WORKER_NAMES, nowMs + 15_000);
    const clock = fakeClock(START);
    const mine = await checkHealth({ heartbeats, clock, deadlineMs: 1_000, self: 'here:2' });
    expect(mine.healthy).toBe(false);
    expect(mine.body.process).toBe('this process’s workers have not beaten lately');
    await heartbeats.beat('here:2', WORKER_NAMES, nowMs + 15_000);
    const again = await checkHealth({ heartbeats, clock, deadlineMs: 1_000, self: 'here:2' });
    expect(again).toMatchObject({ healthy: true, body: { process: 'beating' } });
  });
});
