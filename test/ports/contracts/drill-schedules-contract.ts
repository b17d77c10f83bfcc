import type { Clock } from '../../../src/clock';
import type { DrillSchedules } from '../../../src/ports/drill-schedules';

export interface DrillSchedulesWorld {
  drills: DrillSchedules;
  /** The schedules' clock (real time where the scheduler keeps its own). */
  clock: Clock;
  /** Each environment's schedule: its period and next tick (epoch ms). */
  schedules(): Promise<Map<string, { everyMs: number; nextMs: number }>>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;

export function describeDrillSchedulesContract(
  name: string,
  world: () => Promise<DrillSchedulesWorld>,
): void {
  describe(`DrillSchedules contract: ${name}`, () => {
    let w: DrillSchedulesWorld;
    const nowMs = () => w.clock.now().toMillis();
    beforeEach(async () => {
      w = await world();
    });
    afterEach(() => w.close());

    const expectNextWithin = (next: number | undefined, fromMs: number, toMs: number) => {
      expect(next).toBeGreaterThanOrEqual(fromMs);
      expect(next).toBeLessThanOrEqual(toMs);
    };

    it('puts one schedule per environment, its first drill one period from now', async () => {
      const before = nowMs();
      const sync = await w.drills.sync(
        new Map([
          ['shop-prod', 30 * DAY_MS],
          ['payments-prod', 7 * DAY_MS],
        ]),
      );
      const after = nowMs();
      expect(sync).toEqual({ scheduled: ['shop-prod', 'payments-prod'], removed: [] });
      const schedules = await w.schedules();
      expect([...schedules.keys()].sort()).toEqual(['payments-prod', 'shop-prod']);
      expect(schedules.get('shop-prod')?.everyMs).toBe(30 * DAY_MS);
      expectNextWithin(
        schedules.get('shop-prod')?.nextMs,
        before + 30 * DAY_MS,
        after + 30 * DAY_MS,
      );
      expectNextWithin(
        schedules.get('payments-prod')?.nextMs,
        before + 7 * DAY_MS,
        after + 7 * DAY_MS,
      );
    });

    it('leaves a schedule at its period as it is', async () => {
      const periods = new Map([['shop-prod', 30 * DAY_MS]]);
      await w.drills.sync(periods);
      const first = await w.schedules();
      expect(await w.drills.sync(periods)).toEqual({ scheduled: [], removed: [] });
      expect(await w.schedules()).toEqual(first);
    });

    it('puts a changed period one new period from now', async () => {
      await w.drills.sync(new Map([['shop-prod', 30 * DAY_MS]]));
      const before = nowMs();
      const sync = await w.drills.sync(new Map([['shop-prod', 14 * DAY_MS]]));
      const after = nowMs();
      expect(sync).toEqual({ scheduled: ['shop-prod'], removed: [] });
      const shop = (await w.schedules()).get('shop-prod');
      expect(shop?.everyMs).toBe(14 * DAY_MS);
      expectNextWithin(shop?.nextMs, before + 14 * DAY_MS, after + 14 * DAY_MS);
    });

    it('removes the schedules of environments no longer given', async () => {
      await w.drills.sync(
        new Map([
          ['shop-prod', 30 * DAY_MS],
          ['payments-prod', 7 * DAY_MS],
        ]),
      );
      expect(await w.drills.sync(new Map([['shop-prod', 30 * DAY_MS]]))).toEqual({
        scheduled: [],
        removed: ['payments-prod'],
      });
      expect([...(await w.schedules()).keys()]).toEqual(['shop-prod']);
      expect(await w.drills.sync(new Map())).toEqual({ scheduled: [], removed: ['shop-prod'] });
      expect((await w.schedules()).size).toBe(0);
    });
  });
}
