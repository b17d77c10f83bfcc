import { recountApprovals, type VoterStanding } from '../../src/core/approval-policy';
import type { Vote } from '../../src/core/types';
import { requestedOp } from './support/fixtures';

const AT = '2026-01-01T00:01:00.000Z';
const approve = (userId: string): Vote => ({ userId, decision: 'approve', at: AT });
const BY_ID = (id: string): VoterStanding => ({
  authorized: true,
  principal: { type: 'user', id },
});
const NOT_NOW: VoterStanding = { authorized: false };

describe('recountApprovals', () => {
  it('counts distinct approvers other than the requester who are still authorised', () => {
    const op = requestedOp({
      state: 'approved',
      votes: [approve('U0BOB'), approve('U0BOB'), approve('U0CAROL'), approve('U0ALICE')],
    });
    const standing = new Map([
      ['U0BOB', BY_ID('U0BOB')],
      [
        'U0CAROL',
        {
          authorized: true,
          principal: { type: 'group', handle: '@dr-approvers', members: ['U0CAROL'] },
        } as const,
      ],
    ]);
    const recount = recountApprovals(op, { needed: 2, standing });
    expect(recount).toMatchObject({ ok: true, counted: ['U0BOB', 'U0CAROL'] });
    expect(recount.message).toBe(
      '2 of 2 approvals: <@U0BOB> (approver by id), <@U0CAROL> (through @dr-approvers)',
    );
  });

  it('says why each vote did not count', () => {
    const op = requestedOp({
      state: 'approved',
      votes: [approve('U0ALICE'), approve('U0CAROL'), approve('U0BOB')],
    });
    const standing = new Map([
      ['U0CAROL', NOT_NOW],
      ['U0BOB', BY_ID('U0BOB')],
    ]);
    const recount = recountApprovals(op, { needed: 2, standing });
    expect(recount.ok).toBe(false);
    expect(recount.message).toContain('1 of 2 approvals');
    expect(recount.message).toContain('<@U0ALICE> requested it, so their approval does not count');
    expect(recount.message).toContain('<@U0CAROL> is not one of the approvers now');
  });

  it('does not count a voter nobody checked, and fails on any denial', () => {
    const op = requestedOp({ state: 'approved', votes: [approve('U0BOB')] });
    expect(recountApprovals(op, { needed: 1, standing: new Map() })).toMatchObject({ ok: false });
    const denied = requestedOp({
      state: 'approved',
      votes: [approve('U0BOB'), { userId: 'U0CAROL', decision: 'deny', at: AT }],
    });
    const recount = recountApprovals(denied, {
      needed: 1,
      standing: new Map([
        ['U0BOB', BY_ID('U0BOB')],
        ['U0CAROL', BY_ID('U0CAROL')],
      ]),
    });
    expect(recount).toMatchObject({
      ok: false,
      message: expect.stringContaining('<@U0CAROL> denied it'),
    });
  });

  it('never needs fewer than one approval', () => {
    const op = requestedOp({ state: 'approved', votes: [] });
    expect(recountApprovals(op, { needed: 0, standing: new Map() })).toMatchObject({
      ok: false,
      message: expect.stringContaining('0 of 1 approval'),
    });
  });
});
