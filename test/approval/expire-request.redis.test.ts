import { startJobs } from '../../jobs';
import { castVote } from '../../src/approval/cast-vote';
import { expireRequest } from '../../src/approval/expire-request';
import { eventually } from '../support/eventually';
import { approvalHarness, type ApprovalHarness } from './approval-harness';
import { requestShopOperation } from './request-shop-operation';

describe('request expiry', () => {
  let h: ApprovalHarness;
  afterEach(async () => {
    await h.close();
  });

  const drill = () => requestShopOperation(h, 'drill');

  it('expires a request only once it is due, and only once', async () => {
    h = await approvalHarness('expire');
    const op = await drill();
    expect(await expireRequest(h.deps, op.id)).toMatchObject({
      outcome: 'not_yet',
      remainingMs: 30 * 60_000,
    });
    h.clock.advance({ minutes: 30 });
    expect(await expireRequest(h.deps, op.id)).toMatchObject({ outcome: 'expired' });
    expect(await expireRequest(h.deps, op.id)).toMatchObject({ outcome: 'not_pending' });
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    const entries = await h.deps.audit.read({ operationId: op.id });
    expect(entries.filter((e) => e.type === 'expiry')).toHaveLength(1);
  });

  it('leaves an approved operation alone', async () => {
    h = await approvalHarness('expire-approved');
    const op = await drill();
    await castVote(h.deps, { operationId: op.id, userId: 'U0BOB', decision: 'approve' });
    h.clock.advance({ hours: 2 });
    expect(await expireRequest(h.deps, op.id)).toMatchObject({ outcome: 'not_pending' });
    expect(await h.deps.locks.holder('shop-prod')).toBe(op.id);
  });

  it('is run by the expiry worker at expiresAt', async () => {
    h = await approvalHarness('expire-worker', { expiresAfter: '1s' }, { realClock: true });
    const workers = await startJobs(h.deps, h.infra, { sides: ['expiry'] });
    try {
      const op = await drill();
      const expired = await eventually(
        async () => {
          const stored = await h.deps.operations.get(op.id);
          return stored?.state === 'expired' ? stored : undefined;
        },
        { timeoutMs: 10_000, what: 'the request to expire' },
      );
      expect(expired.finishedAt).toBeDefined();
      // The lock is released and the change announced right after the state is stored.
      await eventually(async () =>
        (await h.deps.locks.holder('shop-prod')) === undefined ? true : undefined,
      );
      await eventually(async () =>
        (await h.events()).filter((e) => e.type === 'operation.updated').length === 2
          ? true
          : undefined,
      );
    } finally {
      await workers.close();
    }
  });
});
