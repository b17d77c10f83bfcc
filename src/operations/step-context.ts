import type { DateTime } from 'luxon';
import type { EnvironmentConfig } from '../config/config';
import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { CheckpointPhase, ExecutorOptions } from './executor-options';

/** What one step of an operation sees: the latest operation and a way to change it durably. */
export interface StepContext {
  deps: LifeboatDeps;
  env: EnvironmentConfig;
  options: ExecutorOptions;
  /** The operation as last read or written. */
  readonly op: Operation;
  /**
   * Changes the operation with the store's compare-and-set (the change sees the latest version;
   * undefined leaves it) and tells the Slack side. Returns the operation as stored.
   */
  save(change: (op: Operation) => Operation | undefined): Promise<Operation>;
  checkpoint(step: string, phase: CheckpointPhase): Promise<void>;
  now(): DateTime;
}

export function createStepContext(
  deps: LifeboatDeps,
  op: Operation,
  env: EnvironmentConfig,
  options: ExecutorOptions,
): StepContext {
  let current = op;
  // Saves run one at a time, so `op` is always the latest write even when steps save in parallel.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    deps,
    env,
    options,
    get op() {
      return current;
    },
    save(change) {
      return serially(async () => {
        const { op: saved, changed } = await deps.operations.update(current.id, (latest) => {
          const next = change(latest);
          return next ? { op: next } : undefined;
        });
        current = saved;
        if (changed) {
          await deps.events.publish({ type: 'operation.updated', operationId: saved.id });
        }
        return saved;
      });
    },
    async checkpoint(step, phase) {
      await options.checkpoint?.(step, phase);
    },
    now: () => deps.clock.now(),
  };
}
