import { createConfigSource } from '../../src/config/config-source';
import { fakeClock } from '../../src/clock';
import { scheduleDrills } from '../../src/operations/schedule-drills';
import { createMemoryDrillSchedules } from '../../src/queue/memory/drill-schedules';
import { sandboxConfig } from '../support/harness';

describe('scheduleDrills (in memory)', () => {
  it('keeps one drill schedule per environment with drill: in the configuration', async () => {
    const clock = fakeClock('2026-03-01T00:00:00Z');
    const drillSchedules = createMemoryDrillSchedules(clock);
    const config = sandboxConfig();
    const drilled = Object.values(config.environments).filter((e) => e.drillEveryMs !== undefined);
    expect(drilled.length).toBeGreaterThan(0);

    const first = await scheduleDrills({ config: createConfigSource(config), drillSchedules });
    expect(first.scheduled).toEqual(drilled.map((e) => e.name));
    expect(await scheduleDrills({ config: createConfigSource(config), drillSchedules })).toEqual({
      scheduled: [],
      removed: [],
    });

    const withoutDrills = {
      ...config,
      environments: Object.fromEntries(
        Object.entries(config.environments).map(([name, env]) => [
          name,
          { ...env, drillEveryMs: undefined },
        ]),
      ),
    };
    const last = await scheduleDrills({
      config: createConfigSource(withoutDrills),
      drillSchedules,
    });
    expect(last.removed).toEqual(drilled.map((e) => e.name));
    expect(drillSchedules.schedules().size).toBe(0);
  });
});
