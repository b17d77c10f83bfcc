import { jobDurationsFrom, operationCountsFrom, type MetricCounters } from '../metric-counters';

/** The metric counters in memory, read back through the same field layout as the Redis hashes. */
export function createMemoryMetricCounters(): MetricCounters {
  const operations = new Map<string, number>();
  const jobs = new Map<string, number>();
  const add = (fields: Map<string, number>, field: string, by: number) =>
    fields.set(field, (fields.get(field) ?? 0) + by);
  return {
    async countOperation(kind, outcome) {
      add(operations, `${kind}:${outcome}`, 1);
    },
    async recordJobDuration(queue, seconds) {
      add(jobs, `${queue}:sum`, seconds);
      add(jobs, `${queue}:count`, 1);
      jobs.set(`${queue}:last`, seconds);
    },
    async operationCounts() {
      return operationCountsFrom(operations);
    },
    async jobDurations() {
      return jobDurationsFrom(jobs);
    },
  };
}
