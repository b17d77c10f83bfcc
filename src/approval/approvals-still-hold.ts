import {
  approvalsNeeded,
  recountApprovals,
  type ApprovalRecount,
  type VoterStanding,
} from '../core/approval-policy';
import { ErrorCode, LifeboatError } from '../errors';
import type { Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';

/**
 * The approvals of a stored operation, counted again against the configuration in force: one per
 * person, never the requester's, each voter checked by `deps.authorizer` now (listed by id, or a
 * member of a listed group as Slack says now), against the approvals the operation needs (its
 * own, decided at request time, and never fewer than `minApprovers` demands now). The executor
 * asks this before it acts, so an operation is not run because Redis says `approved`.
 *
 * A group that cannot be read now is not a no: that throws a retryable LifeboatError, and the
 * step tries again. A process whose authorizer knows no user groups counts only approvers listed
 * by id.
 */
export async function approvalsStillHold(
  deps: Pick<LifeboatDeps, 'authorizer' | 'config'>,
  op: Operation,
): Promise<ApprovalRecount> {
  const config = deps.config.current();
  const voters = new Set(
    op.votes
      .filter((v) => v.decision === 'approve' && v.userId !== op.requestedBy)
      .map((v) => v.userId),
  );
  const standing = new Map<string, VoterStanding>();
  for (const userId of voters) {
    const auth = await deps.authorizer.check(userId, 'approver');
    if (!auth.allowed && auth.lookupFailed) {
      throw new LifeboatError(
        ErrorCode.SlackError,
        `${op.id}: the approval of <@${userId}> cannot be checked now (${auth.message})`,
        { retryable: true },
      );
    }
    if (auth.allowed && auth.configVersion !== config.version) {
      throw new LifeboatError(
        ErrorCode.Conflict,
        `${op.id}: the configuration changed while its approvals were counted; counting again`,
        { retryable: true },
      );
    }
    standing.set(
      userId,
      auth.allowed
        ? { authorized: true, ...(auth.principal ? { principal: auth.principal } : {}) }
        : { authorized: false },
    );
  }
  return recountApprovals(op, {
    needed: approvalsNeeded(op, config.approval.minApprovers),
    standing,
  });
}
