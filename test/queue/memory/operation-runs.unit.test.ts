import { createMemoryOperationRuns } from '../../../src/queue/memory/operation-runs';
import { describeOperationRunsContract } from '../../ports/contracts/operation-runs-contract';

describeOperationRunsContract('in memory', async () => {
  const runs = createMemoryOperationRuns();
  return {
    runs,
    async live() {
      return [...runs.states()]
        .filter(([, state]) => state === 'waiting' || state === 'active')
        .map(([operationId]) => operationId)
        .sort();
    },
    take: async (operationId) => runs.take(operationId),
    end: async (operationId, how) => runs.end(operationId, how),
    close: async () => undefined,
  };
});
