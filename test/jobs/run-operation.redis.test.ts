import { UnrecoverableError, type Job } from 'bullmq';
import { runOperationJob } from '../../jobs/run-operation';
import { fakeClock } from '../../src/clock';
import type { LifeboatDeps } from '../../src/lifeboat-deps';
import { DEFAULT_EXECUTOR_OPTIONS } from '../../src/operations/executor-options';
import type { OperationJobData } from '../../src/queue/queue-names';
import { redisKeys } from '../../src/redis/redis-keys';
import { createOperationStore, type OperationStore } from '../../src/store/operation-store';
import { redisForSuite } from '../support/redis-prefix';
import { requestedOp, sandboxConfig } from '../core/support/fixtures';

describe('the operation job, given a record it cannot read', () => {
  const suite = redisForSuite('run-operation');
  const keys = redisKeys(suite.prefix);

  // advanceOperation reads the operation before anything else: these are all it gets to.
  const depsWith = (operations: OperationStore) =>
    ({ operations, config: sandboxConfig(), clock: fakeClock() }) as unknown as LifeboatDeps;
  const job = (operationId: string) =>
    ({ id: operationId, data: { operationId }, timestamp: 0 }) as Job<OperationJobData>;

  it('fails the job for good, with the key in the message, instead of retrying it', async () => {
    const store = createOperationStore(suite.redis(), keys);
    await store.create(requestedOp({ id: 'op-corrupt', state: 'running' }));
    await suite
      .redis()
      .hset(keys.operation('op-corrupt'), 'json', '{"id":"op-corrupt","state":"running"}');
    const run = runOperationJob(depsWith(store), DEFAULT_EXECUTOR_OPTIONS);

    const failure = await run(job('op-corrupt')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toContain(keys.operation('op-corrupt'));
  });

  it('leaves other errors to BullMQ to retry, as before', async () => {
    const down = new Error('Connection is closed.');
    const store = { get: () => Promise.reject(down) } as unknown as OperationStore;
    const run = runOperationJob(depsWith(store), DEFAULT_EXECUTOR_OPTIONS);
    await expect(run(job('op-any'))).rejects.toBe(down);
  });
});
