import { castVote } from '../../src/approval/cast-vote';
import { requestCancel } from '../../src/approval/request-cancel';
import type { Operation } from '../../src/core/types';
import { approvalHarness, type ApprovalHarness } from './approval-harness';
import { requestShopOperation } from './request-shop-operation';

describe('requestCancel', () => {
  let h: ApprovalHarness;
  let op: Operation;
  beforeEach(async () => {
    h = await approvalHarness('cancel');
    op = await requestShopOperation(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const cancel = (userId = 'U0ALICE') => requestCancel(h.deps, { operationId: op.id, userId });
  const setRunning = (progress: Record<string, unknown> = {}) =>
    h.deps.operations.update(op.id, (current) => ({
      op: { ...current, state: 'running', progress },
    }));

  it('cancels a request at once and frees the environment', async () => {
    expect(await cancel()).toMatchObject({ ok: true, effect: 'cancelled' });
    expect(await h.deps.operations.get(op.id)).toMatchObject({
      state: 'cancelled',
      cancelRequestedBy: 'U0ALICE',
    });
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('cancels an approved operation and removes its queued run', async () => {
    await castVote(h.deps, { operationId: op.id, userId: 'U0BOB', decision: 'approve' });
    expect(await h.infra.queues.operations.getJob(op.id)).toBeDefined();
    expect(await cancel('U0CAROL')).toMatchObject({ ok: true, effect: 'cancelled' });
    expect(await h.infra.queues.operations.getJob(op.id)).toBeUndefined();
  });

  it('asks a running operation to stop while DNS has not moved', async () => {
    await setRunning({ restoreJobs: { a: 'b' } });
    expect(await cancel('U0BOB')).toMatchObject({ ok: true, effect: 'cancel_requested' });
    expect(await h.deps.operations.get(op.id)).toMatchObject({
      state: 'running',
      cancelRequestedBy: 'U0BOB',
    });
    expect(await h.deps.locks.holder('shop-prod')).toBe(op.id);
    expect(await cancel()).toMatchObject({ ok: false, reason: 'already_requested' });
  });

  it('refuses once traffic is moving, pointing at failback', async () => {
    await setRunning({ dnsStartedAt: '2026-03-01T12:10:00.000Z' });
    expect(await cancel()).toMatchObject({
      ok: false,
      reason: 'traffic_moving',
      message: expect.stringContaining('/dr failback shop-prod'),
    });
    expect((await h.deps.operations.get(op.id))?.cancelRequestedBy).toBeUndefined();
  });

  it('refuses a requester who neither asked for it nor approves, and changes nothing', async () => {
    // Bob asks; Alice may request (by id) but, without the user groups, may not approve.
    await cancel('U0ALICE');
    const bobs = await requestShopOperation(h, 'failover', 'U0BOB');
    const refused = await requestCancel(h.deps, { operationId: bobs.id, userId: 'U0ALICE' });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'not_authorized',
      message: expect.stringMatching(/only <@U0BOB>, who requested it, or an approver/),
    });
    expect(await h.deps.operations.get(bobs.id)).toEqual(bobs);
    expect(await h.deps.locks.holder('shop-prod')).toBe(bobs.id);
    const entries = await h.deps.audit.read({ operationId: bobs.id });
    expect(entries.map((e) => e.type)).toEqual(['refusal', 'request']);
    // An approver who did not ask may still cancel it.
    expect(await requestCancel(h.deps, { operationId: bobs.id, userId: 'U0CAROL' })).toMatchObject({
      ok: true,
      effect: 'cancelled',
    });
  });

  it('refuses outsiders and finished operations', async () => {
    expect(await cancel('U0MALLORY')).toMatchObject({ ok: false, reason: 'not_authorized' });
    await cancel();
    expect(await cancel()).toMatchObject({ ok: false, reason: 'finished' });
    const refusals = await h.deps.audit.read({ operationId: op.id });
    expect(refusals.filter((e) => e.type === 'refusal')).toHaveLength(2);
  });
});
