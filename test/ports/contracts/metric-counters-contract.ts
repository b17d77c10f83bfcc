import type { MetricCounters } from '../../../src/store/metric-counters';

const byLabels = <T extends { kind?: string; outcome?: string; queue?: string }>(rows: T[]) =>
  [...rows].sort((a, b) =>
    `${a.kind ?? a.queue}:${a.outcome ?? ''}`.localeCompare(
      `${b.kind ?? b.queue}:${b.outcome ?? ''}`,
    ),
  );

export function describeMetricCountersContract(
  name: string,
  makeStore: () => MetricCounters,
): void {
  describe(`MetricCounters contract: ${name}`, () => {
    let counters: MetricCounters;
    beforeEach(() => {
      counters = makeStore();
    });

    it('counts nothing before anything is recorded', async () => {
      expect(await counters.operationCounts()).toEqual([]);
      expect(await counters.jobDurations()).toEqual([]);
    });

    it('counts operation ends by kind and outcome', async () => {
      await counters.countOperation('failover', 'succeeded');
      await counters.countOperation('failover', 'succeeded');
      await counters.countOperation('failover', 'failed');
      await counters.countOperation('drill', 'cancelled');
      expect(byLabels(await counters.operationCounts())).toEqual([
        { kind: 'drill', outcome: 'cancelled', count: 1 },
        { kind: 'failover', outcome: 'failed', count: 1 },
        { kind: 'failover', outcome: 'succeeded', count: 2 },
      ]);
    });

    it('loses no count when processes count at once', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () => counters.countOperation('drill', 'succeeded')),
      );
      expect(await counters.operationCounts()).toEqual([
        { kind: 'drill', outcome: 'succeeded', count: 20 },
      ]);
    });

    it('sums job durations per queue and keeps the last', async () => {
      await counters.recordJobDuration('operations', 1.5);
      await counters.recordJobDuration('backups', 60);
      await counters.recordJobDuration('operations', 2.25);
      expect(byLabels(await counters.jobDurations())).toEqual([
        { queue: 'backups', sumSeconds: 60, count: 1, lastSeconds: 60 },
        { queue: 'operations', sumSeconds: 3.75, count: 2, lastSeconds: 2.25 },
      ]);
    });

    it('loses no duration when jobs finish at once', async () => {
      await Promise.all(
        Array.from({ length: 8 }, () => counters.recordJobDuration('backups', 0.5)),
      );
      expect(await counters.jobDurations()).toEqual([
        { queue: 'backups', sumSeconds: 4, count: 8, lastSeconds: 0.5 },
      ]);
    });
  });
}
