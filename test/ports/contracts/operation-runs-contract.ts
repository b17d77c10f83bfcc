import type { OperationRuns } from '../../../src/ports/operation-runs';

export interface OperationRunsWorld {
  runs: OperationRuns;
  /** The operations whose run will still run (queued, delayed or being worked on), sorted. */
  live(): Promise<string[]>;
  /** A worker takes the operation's run, the only one queued, and holds it. */
  take(operationId: string): Promise<void>;
  /** The run, taken or not, ends so, as a worker ends it. */
  end(operationId: string, how: 'completed' | 'failed'): Promise<void>;
  close(): Promise<void>;
}

export function describeOperationRunsContract(
  name: string,
  world: () => Promise<OperationRunsWorld>,
): void {
  describe(`OperationRuns contract: ${name}`, () => {
    let w: OperationRunsWorld;
    beforeEach(async () => {
      w = await world();
    });
    afterEach(() => w.close());

    it('queues one run per operation, however often it is asked', async () => {
      await w.runs.enqueue('op-a');
      await w.runs.enqueue('op-a');
      await w.runs.enqueue('op-b');
      expect(await w.live()).toEqual(['op-a', 'op-b']);
    });

    it('queues no second run while an ended one is kept', async () => {
      await w.runs.enqueue('op-a');
      await w.end('op-a', 'completed');
      await w.runs.enqueue('op-a');
      expect(await w.live()).toEqual([]);
    });

    it('withdraws a run no worker has taken; removing a missing run is no error', async () => {
      await w.runs.enqueue('op-a');
      await w.runs.remove('op-a');
      expect(await w.live()).toEqual([]);
      await expect(w.runs.remove('op-a')).resolves.toBeUndefined();
      await expect(w.runs.remove('op-never-queued')).resolves.toBeUndefined();
    });

    it('leaves a run a worker holds', async () => {
      await w.runs.enqueue('op-a');
      await w.take('op-a');
      await w.runs.remove('op-a');
      expect(await w.live()).toEqual(['op-a']);
      expect(await w.runs.ensureLive('op-a')).toBe('present');
    });

    it('ensureLive leaves a queued run and adds a missing one', async () => {
      await w.runs.enqueue('op-a');
      expect(await w.runs.ensureLive('op-a')).toBe('present');
      expect(await w.runs.ensureLive('op-b')).toBe('added');
      expect(await w.live()).toEqual(['op-a', 'op-b']);
      expect(await w.runs.ensureLive('op-b')).toBe('present');
    });

    it('ensureLive queues a failed run again', async () => {
      await w.runs.enqueue('op-a');
      await w.end('op-a', 'failed');
      expect(await w.live()).toEqual([]);
      expect(await w.runs.ensureLive('op-a')).toBe('retried');
      expect(await w.live()).toEqual(['op-a']);
      expect(await w.runs.ensureLive('op-a')).toBe('present');
    });

    it('ensureLive replaces a completed run', async () => {
      await w.runs.enqueue('op-a');
      await w.end('op-a', 'completed');
      expect(await w.runs.ensureLive('op-a')).toBe('replaced');
      expect(await w.live()).toEqual(['op-a']);
      expect(await w.runs.ensureLive('op-a')).toBe('present');
    });
  });
}
