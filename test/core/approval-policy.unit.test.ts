import fc from 'fast-check';
import { fakeClock } from '../../src/clock';
import { castVote, countApprovals, isAuthorized } from '../../src/core/approval-policy';
import type { Operation, Principal } from '../../src/core/types';
import { requestedOp, T0 } from './support/fixtures';

const ALICE = 'U0ALICE'; // the requester
const vote = (
  op: Operation,
  userId: string,
  decision: 'approve' | 'deny',
  extra: { minApprovers?: number; authorized?: boolean; minutes?: number } = {},
) =>
  castVote({
    op,
    userId,
    decision,
    now: T0.plus({ minutes: extra.minutes ?? 1 }),
    isAuthorizedApprover: extra.authorized ?? true,
    minApprovers: extra.minApprovers ?? 1,
  });

describe('castVote', () => {
  it.each([
    ['the requester approves', ALICE, 'approve', true, 'self_approval'],
    ['an unauthorized user approves', 'U0MALLORY', 'approve', false, 'not_authorized'],
    ['an unauthorized user denies', 'U0MALLORY', 'deny', false, 'not_authorized'],
  ] as const)('refuses when %s', (_case, userId, decision, authorized, reason) => {
    const op = requestedOp();
    const result = vote(op, userId, decision, { authorized });
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).toMatch(/\S/);
  });

  it('tells the requester who must approve instead', () => {
    const result = vote(requestedOp(), ALICE, 'approve');
    expect(result).toMatchObject({
      ok: false,
      reason: 'self_approval',
      message: expect.stringContaining('ask another approver'),
    });
  });

  it('approves with one other authorized approver when minApprovers is 1', () => {
    const result = vote(requestedOp(), 'U0BOB', 'approve');
    expect(result).toMatchObject({
      ok: true,
      effect: 'approved',
      op: { state: 'approved', approvedAt: '2026-01-01T00:01:00.000Z' },
    });
    if (result.ok)
      expect(result.op.votes).toEqual([
        { userId: 'U0BOB', decision: 'approve', at: '2026-01-01T00:01:00.000Z' },
      ]);
  });

  it('records approvals until minApprovers distinct people agreed', () => {
    const first = vote(requestedOp(), 'U0BOB', 'approve', { minApprovers: 2 });
    expect(first).toMatchObject({ ok: true, effect: 'recorded', op: { state: 'requested' } });
    if (!first.ok) return;
    const again = vote(first.op, 'U0BOB', 'approve', { minApprovers: 2 });
    expect(again).toMatchObject({ ok: false, reason: 'duplicate_vote' });
    const second = vote(first.op, 'U0CAROL', 'approve', { minApprovers: 2 });
    expect(second).toMatchObject({ ok: true, effect: 'approved', op: { state: 'approved' } });
  });

  it('a second vote the other way by the same person is also a duplicate', () => {
    const first = vote(requestedOp(), 'U0BOB', 'approve', { minApprovers: 2 });
    if (!first.ok) throw new Error(first.message);
    expect(vote(first.op, 'U0BOB', 'deny', { minApprovers: 2 })).toMatchObject({
      ok: false,
      reason: 'duplicate_vote',
      message: expect.stringContaining('/dr cancel op-1'),
    });
  });

  it('a single denial ends the request', () => {
    const first = vote(requestedOp(), 'U0BOB', 'approve', { minApprovers: 2 });
    if (!first.ok) throw new Error(first.message);
    const denied = castVote({
      op: first.op,
      userId: 'U0CAROL',
      decision: 'deny',
      reason: 'wrong region',
      now: T0.plus({ minutes: 2 }),
      isAuthorizedApprover: true,
      minApprovers: 2,
    });
    expect(denied).toMatchObject({ ok: true, effect: 'denied', op: { state: 'denied' } });
    if (denied.ok) expect(denied.op.votes[1]).toMatchObject({ reason: 'wrong region' });
  });

  it('lets the requester withdraw by denying, even when not an approver', () => {
    const result = vote(requestedOp(), ALICE, 'deny', { authorized: false });
    expect(result).toMatchObject({
      ok: true,
      effect: 'denied',
      op: { state: 'denied' },
      message: expect.stringContaining('withdrawn'),
    });
  });

  it('expires at expiresAt and returns the expired operation to store', () => {
    const clock = fakeClock(T0);
    clock.advance({ minutes: 30 });
    const result = castVote({
      op: requestedOp(),
      userId: 'U0BOB',
      decision: 'approve',
      now: clock.now(),
      isAuthorizedApprover: true,
      minApprovers: 1,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'expired',
      op: { state: 'expired', finishedAt: '2026-01-01T00:30:00.000Z' },
    });
  });

  it.each([
    ['expired', 'expired'],
    ['approved', 'not_pending'],
    ['running', 'not_pending'],
    ['denied', 'not_pending'],
    ['cancelled', 'not_pending'],
  ] as const)('refuses a vote on a %s operation as %s', (state, reason) => {
    expect(vote(requestedOp({ state }), 'U0BOB', 'approve')).toMatchObject({ ok: false, reason });
  });

  it('treats minApprovers below 1 as 1', () => {
    expect(vote(requestedOp(), ALICE, 'approve', { minApprovers: 0 })).toMatchObject({
      ok: false,
      reason: 'self_approval',
    });
    expect(vote(requestedOp(), 'U0BOB', 'approve', { minApprovers: 0 })).toMatchObject({
      effect: 'approved',
    });
  });

  it('needs the approvals stored on the operation, not fewer when minApprovers is lower now', () => {
    const op = requestedOp({ requiredApprovals: 2 });
    const first = vote(op, 'U0BOB', 'approve', { minApprovers: 1 });
    expect(first).toMatchObject({
      ok: true,
      effect: 'recorded',
      message: expect.stringContaining('1 of 2'),
    });
    // A record without the field (written before it existed): minApprovers decides, as before.
    expect(vote(requestedOp(), 'U0BOB', 'approve', { minApprovers: 2 })).toMatchObject({
      effect: 'recorded',
    });
  });

  it('refuses a vote checked under another configuration than the one in force or the plan’s', () => {
    const withVersions = (checked: string, current: string, decision: 'approve' | 'deny') =>
      castVote({
        op: requestedOp(),
        userId: 'U0BOB',
        decision,
        now: T0.plus({ minutes: 1 }),
        isAuthorizedApprover: true,
        minApprovers: 1,
        configVersions: { checked, current },
      });
    expect(withVersions('v1', 'v2', 'approve')).toMatchObject({
      ok: false,
      reason: 'config_changed',
      message: expect.stringContaining('vote again'),
    });
    expect(withVersions('v1', 'v2', 'deny')).toMatchObject({ ok: false, reason: 'config_changed' });
    // The plan was made under v1 (dummyPlan): an approval checked under v2 does not bind to it.
    expect(withVersions('v2', 'v2', 'approve')).toMatchObject({
      ok: false,
      reason: 'config_changed',
    });
    expect(withVersions('v1', 'v1', 'approve')).toMatchObject({ ok: true, effect: 'approved' });
  });

  it('stores with the vote the principal that authorised it', () => {
    const principal: Principal = { type: 'group', handle: '@dr-approvers', members: ['U0BOB'] };
    const result = castVote({
      op: requestedOp(),
      userId: 'U0BOB',
      decision: 'approve',
      now: T0.plus({ minutes: 1 }),
      isAuthorizedApprover: true,
      principal,
      minApprovers: 1,
    });
    expect(result.ok && result.op.votes[0]?.principal).toEqual(principal);
  });

  describe('properties', () => {
    const users = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAN', 'U0ERIN'];
    const clicks = fc.array(
      fc.record({
        userId: fc.constantFrom(...users),
        decision: fc.constantFrom('approve' as const, 'deny' as const),
      }),
      { maxLength: 20 },
    );
    const run = (
      sequence: { userId: string; decision: 'approve' | 'deny' }[],
      minApprovers: number,
    ) => {
      let op = requestedOp();
      for (const click of sequence) {
        const result = vote(op, click.userId, click.decision, { minApprovers });
        if (result.ok) op = result.op;
      }
      return op;
    };

    it('never approves with only the requester, however often they click', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('approve' as const), { maxLength: 10 }),
          fc.integer({ min: 0, max: 3 }),
          (decisions, minApprovers) => {
            const op = run(
              decisions.map((decision) => ({ userId: ALICE, decision })),
              minApprovers,
            );
            expect(op.state).toBe('requested');
            expect(op.votes).toEqual([]);
          },
        ),
      );
    });

    it('one vote per person, and approval only with minApprovers other people', () => {
      fc.assert(
        fc.property(clicks, fc.integer({ min: 1, max: 4 }), (sequence, minApprovers) => {
          const op = run(sequence, minApprovers);
          const voters = op.votes.map((v) => v.userId);
          expect(new Set(voters).size).toBe(voters.length);
          if (op.state === 'approved') {
            expect(countApprovals(op)).toBeGreaterThanOrEqual(minApprovers);
            expect(op.votes.every((v) => v.decision === 'approve')).toBe(true);
          }
          if (op.votes.some((v) => v.decision === 'deny')) expect(op.state).toBe('denied');
        }),
      );
    });

    it('the result of approvals does not depend on their order', () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray(users.slice(1), { minLength: 0 }),
          fc.integer({ min: 1, max: 4 }),
          (approvers, minApprovers) => {
            const forward = run(
              approvers.map((userId) => ({ userId, decision: 'approve' })),
              minApprovers,
            );
            const backward = run(
              [...approvers].reverse().map((userId) => ({ userId, decision: 'approve' })),
              minApprovers,
            );
            expect(forward.state).toBe(backward.state);
            expect(forward.state === 'approved').toBe(approvers.length >= minApprovers);
          },
        ),
      );
    });
  });
});

describe('isAuthorized', () => {
  const groups = { '@oncall': ['U0DAN'], 'dr-approvers': ['U0ERIN'] };
  it.each([
    ['U0BOB', ['U0BOB', 'U0CAROL'], true],
    ['U0DAN', ['U0BOB', '@oncall'], true],
    ['U0ERIN', ['@dr-approvers'], true],
    ['U0ERIN', ['@oncall'], false],
    ['U0DAN', ['@unknown-group'], false],
    ['U0MALLORY', ['U0BOB', '@oncall', '@dr-approvers'], false],
    ['@oncall', ['@oncall'], false],
  ])('%s in %j → %s', (userId, list, expected) => {
    expect(isAuthorized(userId, list, groups)).toBe(expected);
  });
});
