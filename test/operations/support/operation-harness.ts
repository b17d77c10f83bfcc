import { startJobs } from '../../../jobs';
import type { OperationWorkerOptions } from '../../../jobs/worker-options';
import { createHarness, type Harness } from '../../support/harness';
import { FAST_WORKER_OPTIONS } from './operation-fixtures';

/**
 * A fresh harness for each test (key prefix `name`, 100 ms jobs, 50 ms polls) and the operation
 * workers with FAST_WORKER_OPTIONS (plus `workerOptions`): started before each test with
 * `startWorkers: 'before each'`, otherwise when the test calls `start()`. Both are closed after
 * each test.
 */
export function operationHarness(
  name: string,
  options: { startWorkers: 'before each' | 'on start'; workerOptions?: OperationWorkerOptions },
) {
  let h: Harness;
  let workers: { close(): Promise<void> } | undefined;
  const start = async (): Promise<void> => {
    workers = await startJobs(h.deps, h.infra, {
      sides: ['operations'],
      operations: { ...FAST_WORKER_OPTIONS, ...options.workerOptions },
    });
  };

  beforeEach(async () => {
    h = await createHarness({ name, jobMs: 100, pollMs: 50 });
    if (options.startWorkers === 'before each') await start();
  });
  afterEach(async () => {
    await workers?.close();
    workers = undefined;
    await h.close();
  });

  return {
    harness: () => h,
    start,
    /** Closes this test's harness and opens another whose jobs take `jobMs` (workers not started). */
    async reopen(jobMs: number): Promise<Harness> {
      await h.close();
      h = await createHarness({ name, jobMs, pollMs: 50 });
      return h;
    },
  };
}
