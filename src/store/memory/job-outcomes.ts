import type { JobOutcome, JobOutcomes } from '../job-outcomes';

/** Job outcomes in memory, stored as JSON like the Redis store, so a caller never shares one. */
export function createMemoryJobOutcomes(): JobOutcomes {
  const byEnvironment = new Map<string, Map<string, string>>();
  return {
    async record(environment, resourceArn, outcome) {
      const outcomes = byEnvironment.get(environment) ?? new Map<string, string>();
      outcomes.set(resourceArn, JSON.stringify(outcome));
      byEnvironment.set(environment, outcomes);
    },
    async all(environment) {
      const outcomes = byEnvironment.get(environment) ?? new Map<string, string>();
      return Object.fromEntries(
        [...outcomes].map(([arn, json]) => [arn, JSON.parse(json) as JobOutcome]),
      );
    },
  };
}
