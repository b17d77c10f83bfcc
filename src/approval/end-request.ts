import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { expiryJobId } from './expiry-job-id';

/**
 * Everything that follows an operation ending before it ran (denied, expired, cancelled): the
 * environment is free again, its pending jobs go, the end is counted. Each part is idempotent,
 * so a redelivered click or job may run it twice.
 */
export async function endRequest(deps: LifeboatDeps, op: Operation): Promise<void> {
  await deps.locks.release(op.environment, op.id);
  await removeJob(deps, () => deps.queues.expiry.remove(expiryJobId(op.id)));
  await removeJob(deps, () => deps.queues.operations.remove(op.id));
  await deps.counters.countOperation(op.kind, op.state);
}

/** A job that is running cannot be removed; it finds the operation ended and does nothing. */
export async function removeJob(deps: LifeboatDeps, remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    deps.logger.debug({ err: error }, 'job not removed; it will find its operation ended');
  }
}
