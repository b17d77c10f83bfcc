import type { JobOutcome, JobOutcomes } from '../../../src/store/job-outcomes';

const DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';

function outcome(overrides: Partial<JobOutcome> = {}): JobOutcome {
  return {
    kind: 'backup',
    state: 'COMPLETED',
    jobId: 'backup-1',
    region: 'eu-west-1',
    runId: 'run-1',
    at: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

export function describeJobOutcomesContract(name: string, makeStore: () => JobOutcomes): void {
  describe(`JobOutcomes contract: ${name}`, () => {
    let outcomes: JobOutcomes;
    beforeEach(() => {
      outcomes = makeStore();
    });

    it('has no outcome for an environment never recorded', async () => {
      expect(await outcomes.all('shop-prod')).toEqual({});
    });

    it('keeps the last outcome of each resource, as recorded', async () => {
      const failed = outcome({
        kind: 'copy',
        state: 'FAILED',
        message: 'Copy job failed: access to KMS key denied',
        jobId: 'copy-9',
      });
      await outcomes.record('shop-prod', DB, outcome());
      await outcomes.record('shop-prod', ORDERS, outcome({ jobId: 'backup-2' }));
      await outcomes.record('shop-prod', ORDERS, failed);
      expect(await outcomes.all('shop-prod')).toEqual({ [DB]: outcome(), [ORDERS]: failed });
    });

    it('keeps an outcome without a job id or message (a call AWS refused)', async () => {
      const refused: JobOutcome = {
        kind: 'backup',
        state: 'CALL_FAILED',
        region: 'eu-west-1',
        runId: 'run-2',
        at: '2026-03-01T00:05:00.000Z',
      };
      await outcomes.record('shop-prod', DB, refused);
      expect(await outcomes.all('shop-prod')).toEqual({ [DB]: refused });
    });

    it('hands out copies: changing one read changes nothing stored', async () => {
      await outcomes.record('shop-prod', DB, outcome());
      const read = await outcomes.all('shop-prod');
      const first = read[DB];
      if (first) first.state = 'FAILED';
      expect((await outcomes.all('shop-prod'))[DB]?.state).toBe('COMPLETED');
    });

    it('keeps environments apart', async () => {
      await outcomes.record('shop-prod', DB, outcome());
      expect(await outcomes.all('intranet-prod')).toEqual({});
    });
  });
}
