import type { Processor } from 'bullmq';
import { monitorRpo as measureRpo, type MonitorRpoResult } from '../src/backups/monitor-rpo';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { toJobError } from '../src/queue/to-job-error';

/** The `monitor` queue's processor: one round of the RPO monitor per scheduler tick. */
export function monitorRpo(
  deps: LifeboatDeps,
  options: { floorMs?: number } = {},
): Processor<Record<string, never>, MonitorRpoResult> {
  return async () => {
    try {
      return await measureRpo(deps, options);
    } catch (error) {
      throw toJobError(error);
    }
  };
}
