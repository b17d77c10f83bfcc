import { KEPT_DURATIONS, type ObservedDurations } from '../../../src/store/observed-durations';

export function describeObservedDurationsContract(
  name: string,
  makeStore: () => ObservedDurations,
): void {
  describe(`ObservedDurations contract: ${name}`, () => {
    let durations: ObservedDurations;
    beforeEach(() => {
      durations = makeStore();
    });

    it('has none for an environment never recorded', async () => {
      expect(await durations.list('shop-prod')).toEqual([]);
    });

    it('lists durations oldest first, rounded to the ms', async () => {
      await durations.record('shop-prod', 60_000);
      await durations.record('shop-prod', 1_234.4);
      await durations.record('shop-prod', 1_234.5);
      expect(await durations.list('shop-prod')).toEqual([60_000, 1_234, 1_235]);
    });

    it(`keeps only the latest ${KEPT_DURATIONS}`, async () => {
      for (let i = 1; i <= KEPT_DURATIONS + 5; i++) await durations.record('shop-prod', i);
      const kept = await durations.list('shop-prod');
      expect(kept).toHaveLength(KEPT_DURATIONS);
      expect(kept[0]).toBe(6);
      expect(kept[kept.length - 1]).toBe(KEPT_DURATIONS + 5);
    });

    it('loses none of several recorded at once', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => durations.record('shop-prod', 1_000 + i)),
      );
      expect([...(await durations.list('shop-prod'))].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 10 }, (_, i) => 1_000 + i),
      );
    });

    it('keeps environments apart', async () => {
      await durations.record('shop-prod', 60_000);
      expect(await durations.list('intranet-prod')).toEqual([]);
    });
  });
}
