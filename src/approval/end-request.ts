import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';

/**
 * Everything that follows an operation ending before it ran (denied, expired, cancelled): the
 * environment is free again, its pending jobs go, the end is counted. Each part is idempotent,
 * so a redelivered click or job may run it twice.
 */
export async function endRequest(deps: LifeboatDeps, op: Operation): Promise<void> {
  await deps.locks.release(op.environment, op.id);
  await removeJob(deps, () => deps.expiries.cancel(op.id));
  await removeJob(deps, () => deps.runs.remove(op.id));
  await deps.counters.countOperation(op.kind, op.state);
}

/** A run or expiry that is running is not removed; it finds the operation ended and does nothing. */
export async function removeJob(deps: LifeboatDeps, remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    deps.logger.debug({ err: error }, 'job not removed; it will find its operation ended');
  }
}
