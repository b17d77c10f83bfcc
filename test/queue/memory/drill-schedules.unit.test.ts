import { fakeClock } from '../../../src/clock';
import { createMemoryDrillSchedules } from '../../../src/queue/memory/drill-schedules';
import { describeDrillSchedulesContract } from '../../ports/contracts/drill-schedules-contract';

describeDrillSchedulesContract('in memory', async () => {
  const clock = fakeClock('2026-03-01T12:00:00Z');
  const drills = createMemoryDrillSchedules(clock);
  return {
    drills,
    clock,
    schedules: async () =>
      new Map([...drills.schedules()].map(([environment, s]) => [environment, { ...s }])),
    close: async () => undefined,
  };
});
