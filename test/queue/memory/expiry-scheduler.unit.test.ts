import { fakeClock } from '../../../src/clock';
import { createMemoryExpiryScheduler } from '../../../src/queue/memory/expiry-scheduler';
import { describeExpirySchedulerContract } from '../../ports/contracts/expiry-scheduler-contract';

describeExpirySchedulerContract('in memory', async () => {
  const clock = fakeClock('2026-03-01T12:00:00Z');
  const expiries = createMemoryExpiryScheduler(clock);
  return {
    expiries,
    clock,
    pending: async () => new Map(expiries.scheduled()),
    close: async () => undefined,
  };
});

describe('in-memory expiries, as the expiry worker takes them', () => {
  it('hands over the expiries that are due, once', async () => {
    const clock = fakeClock('2026-03-01T12:00:00Z');
    const expiries = createMemoryExpiryScheduler(clock);
    const nowMs = clock.now().toMillis();
    await expiries.schedule('op-late', nowMs + 30 * 60_000);
    await expiries.schedule('op-soon', nowMs + 60_000);
    expect(expiries.takeDue()).toEqual([]);
    clock.advance({ minutes: 30 });
    expect(expiries.takeDue()).toEqual(['op-soon', 'op-late']);
    expect(expiries.takeDue()).toEqual([]);
  });
});
