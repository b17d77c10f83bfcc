import { UnrecoverableError, type Processor } from 'bullmq';
import { monitorRpo as measureRpo, type MonitorRpoResult } from '../src/backups/monitor-rpo';
import { asLifeboatError } from '../src/errors';
import type { LifeboatDeps } from '../src/lifeboat-deps';

/** The `monitor` queue's processor: one round of the RPO monitor per scheduler tick. */
export function monitorRpo(
  deps: LifeboatDeps,
  options: { floorMs?: number } = {},
): Processor<Record<string, never>, MonitorRpoResult> {
  return async () => {
    try {
      return await measureRpo(deps, options);
    } catch (error) {
      const lifeboatError = asLifeboatError(error);
      if (!lifeboatError.retryable) throw new UnrecoverableError(lifeboatError.message);
      throw lifeboatError;
    }
  };
}
