import type { Clock } from '../../../src/clock';
import type { BackupSchedules } from '../../../src/ports/backup-schedules';

export interface BackupSchedulesWorld {
  schedules: BackupSchedules;
  /** The schedules' clock (real time where the scheduler keeps its own). */
  clock: Clock;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

export function describeBackupSchedulesContract(
  name: string,
  world: () => Promise<BackupSchedulesWorld>,
): void {
  describe(`BackupSchedules contract: ${name}`, () => {
    let w: BackupSchedulesWorld;
    const nowMs = () => w.clock.now().toMillis();
    beforeEach(async () => {
      w = await world();
    });
    afterEach(() => w.close());

    it('ticks a new schedule at once', async () => {
      const before = nowMs();
      const put = await w.schedules.put('shop-prod', 4 * HOUR_MS);
      const after = nowMs();
      expect(put.change).toBe('created');
      expect(put.nextMs).toBeGreaterThanOrEqual(before);
      expect(put.nextMs).toBeLessThanOrEqual(after);
      const schedule = await w.schedules.get('shop-prod');
      expect(schedule).toMatchObject({ environment: 'shop-prod', everyMs: 4 * HOUR_MS });
      expect(schedule?.nextMs).toBeGreaterThanOrEqual(before);
      expect(schedule?.nextMs).toBeLessThanOrEqual(after);
    });

    it('leaves a schedule already at its interval as it is', async () => {
      await w.schedules.put('shop-prod', 4 * HOUR_MS);
      const first = await w.schedules.get('shop-prod');
      const again = await w.schedules.put('shop-prod', 4 * HOUR_MS);
      expect(again).toEqual({ change: 'unchanged', nextMs: first?.nextMs });
      expect(await w.schedules.get('shop-prod')).toEqual(first);
    });

    it('ticks a changed schedule one new interval after its last tick, not at once', async () => {
      await w.schedules.put('shop-prod', 4 * HOUR_MS);
      const lastTickMs = (await w.schedules.get('shop-prod'))?.nextMs ?? 0;
      const put = await w.schedules.put('shop-prod', 6 * HOUR_MS);
      expect(put).toEqual({ change: 'updated', nextMs: lastTickMs + 6 * HOUR_MS - 4 * HOUR_MS });
      expect(await w.schedules.get('shop-prod')).toEqual({
        environment: 'shop-prod',
        everyMs: 6 * HOUR_MS,
        nextMs: lastTickMs + 2 * HOUR_MS,
      });
    });

    it('ticks a changed schedule now when one new interval after its last tick has passed', async () => {
      await w.schedules.put('shop-prod', 4 * HOUR_MS);
      const before = nowMs();
      const put = await w.schedules.put('shop-prod', 60_000);
      const after = nowMs();
      expect(put.change).toBe('updated');
      expect(put.nextMs).toBeGreaterThanOrEqual(before);
      expect(put.nextMs).toBeLessThanOrEqual(after);
      expect((await w.schedules.get('shop-prod'))?.everyMs).toBe(60_000);
    });

    it('lists the environments with a schedule and removes one', async () => {
      await w.schedules.put('shop-prod', 4 * HOUR_MS);
      await w.schedules.put('intranet-prod', 24 * HOUR_MS);
      expect((await w.schedules.environments()).sort()).toEqual(['intranet-prod', 'shop-prod']);
      await w.schedules.remove('intranet-prod');
      expect(await w.schedules.environments()).toEqual(['shop-prod']);
      expect(await w.schedules.get('intranet-prod')).toBeUndefined();
      await expect(w.schedules.remove('intranet-prod')).resolves.toBeUndefined();
    });

    it('answers undefined for an environment without a schedule', async () => {
      expect(await w.schedules.get('nowhere-prod')).toBeUndefined();
      expect(await w.schedules.environments()).toEqual([]);
    });
  });
}
