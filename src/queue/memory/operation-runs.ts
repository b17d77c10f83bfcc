import type { EnsureLiveOutcome, OperationRuns } from '../../ports/operation-runs';

export type MemoryRunState = 'waiting' | 'active' | 'completed' | 'failed';

/** OperationRuns in memory, and what the workers would do to its runs. */
export interface MemoryOperationRuns extends OperationRuns {
  /** Every run kept, by operation id. */
  states(): ReadonlyMap<string, MemoryRunState>;
  /** A worker takes the run: it is active until it ends. */
  take(operationId: string): void;
  /** The run ends so (a worker returned, or gave up). */
  end(operationId: string, how: 'completed' | 'failed'): void;
}

/** Runs kept after they end, as the queue keeps them, so a second enqueue adds nothing. */
export function createMemoryOperationRuns(): MemoryOperationRuns {
  const runs = new Map<string, MemoryRunState>();
  const at = (operationId: string): MemoryRunState => {
    const state = runs.get(operationId);
    if (!state) throw new Error(`no run of ${operationId}`);
    return state;
  };
  return {
    async enqueue(operationId) {
      if (!runs.has(operationId)) runs.set(operationId, 'waiting');
    },
    async remove(operationId) {
      if (runs.get(operationId) !== 'active') runs.delete(operationId);
    },
    async ensureLive(operationId): Promise<EnsureLiveOutcome> {
      const state = runs.get(operationId);
      if (state === undefined) {
        runs.set(operationId, 'waiting');
        return 'added';
      }
      if (state === 'failed') {
        runs.set(operationId, 'waiting');
        return 'retried';
      }
      if (state === 'completed') {
        runs.set(operationId, 'waiting');
        return 'replaced';
      }
      return 'present';
    },
    states: () => runs,
    take(operationId) {
      if (at(operationId) !== 'waiting')
        throw new Error(`the run of ${operationId} is not waiting`);
      runs.set(operationId, 'active');
    },
    end(operationId, how) {
      at(operationId);
      runs.set(operationId, how);
    },
  };
}
