import type { DateTime } from 'luxon';
import { transition } from './operation-machine';
import { toIso } from './to-iso';
import type { Operation, Vote } from './types';

/**
 * The two-person rule. An operation runs only after its requester and at least `minApprovers`
 * other authorized approvers agree.
 *
 * - The requester's own approval never counts (`self_approval`).
 * - The requester may deny their own request: that withdraws it, and ends it as denied.
 * - One person votes once: a second vote from the same person, either way, changes nothing
 *   (`duplicate_vote`). Someone who approved and changed their mind cancels instead.
 * - A single denial by an authorized approver ends the request.
 * - A request whose `expiresAt` has passed is expired; the result carries the expired operation
 *   so that the caller can store it.
 * - `minApprovers` below 1 is treated as 1: the requester alone never suffices.
 */
export const VoteRefusal = {
  SelfApproval: 'self_approval',
  DuplicateVote: 'duplicate_vote',
  Expired: 'expired',
  NotAuthorized: 'not_authorized',
  NotPending: 'not_pending',
} as const;
export type VoteRefusal = (typeof VoteRefusal)[keyof typeof VoteRefusal];

export type VoteEffect = 'recorded' | 'approved' | 'denied';

export type VoteResult =
  | { ok: true; op: Operation; effect: VoteEffect; message: string }
  | { ok: false; reason: VoteRefusal; message: string; op?: Operation };

export interface CastVoteInput {
  op: Operation;
  userId: string;
  decision: 'approve' | 'deny';
  reason?: string;
  now: DateTime;
  /** Whether userId is among the configured approvers (directly or through a user group). */
  isAuthorizedApprover: boolean;
  minApprovers: number;
}

export function castVote(input: CastVoteInput): VoteResult {
  const { op, userId, decision, now } = input;
  const isRequester = userId === op.requestedBy;

  if (op.state === 'expired') {
    return refuse('expired', `${op.id} has expired; request it again if it is still needed`);
  }
  if (op.state !== 'requested') {
    return refuse('not_pending', `${op.id} is already ${op.state}; there is nothing to vote on`);
  }
  if (now.toMillis() >= Date.parse(op.expiresAt)) {
    const expired = transition(op, { type: 'expire' }, now);
    return {
      ok: false,
      reason: 'expired',
      message: `${op.id} expired at ${op.expiresAt}; request it again if it is still needed`,
      ...(expired.ok ? { op: expired.op } : {}),
    };
  }
  if (isRequester && decision === 'approve') {
    return refuse(
      'self_approval',
      `you requested ${op.id}, so your approval does not count; ask another approver to approve it`,
    );
  }
  if (op.votes.some((v) => v.userId === userId)) {
    return refuse(
      'duplicate_vote',
      `you already voted on ${op.id}; each person counts once. To stop it, use /dr cancel ${op.id}`,
    );
  }
  if (!isRequester && !input.isAuthorizedApprover) {
    return refuse(
      'not_authorized',
      `you are not an approver for ${op.environment}; ask someone listed in approval.approvers`,
    );
  }

  const vote: Vote = {
    userId,
    decision,
    at: toIso(now),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  };
  const voted: Operation = { ...op, votes: [...op.votes, vote] };

  if (decision === 'deny') {
    const denied = transition(
      voted,
      { type: 'deny', by: userId, ...(input.reason !== undefined ? { reason: input.reason } : {}) },
      now,
    );
    if (!denied.ok) return refuse('not_pending', denied.message);
    const who = isRequester ? 'withdrawn by its requester' : `denied by <@${userId}>`;
    return { ok: true, op: denied.op, effect: 'denied', message: `${op.id} was ${who}` };
  }

  const needed = requiredApprovals(input.minApprovers);
  const approvals = countApprovals(voted);
  if (approvals < needed) {
    return {
      ok: true,
      op: voted,
      effect: 'recorded',
      message: `approval recorded for ${op.id}: ${approvals} of ${needed}`,
    };
  }
  const approved = transition(voted, { type: 'approve', by: userId }, now);
  if (!approved.ok) return refuse('not_pending', approved.message);
  return {
    ok: true,
    op: approved.op,
    effect: 'approved',
    message: `${op.id} is approved (${approvals} of ${needed})`,
  };
}

/** Distinct people other than the requester who approved. */
/** How many approvers besides the requester an operation needs: minApprovers, never fewer than one. */
export function requiredApprovals(minApprovers: number): number {
  return Math.max(1, minApprovers);
}

export function countApprovals(op: Operation): number {
  const approvers = new Set(
    op.votes
      .filter((v) => v.decision === 'approve' && v.userId !== op.requestedBy)
      .map((v) => v.userId),
  );
  return approvers.size;
}

function refuse(reason: VoteRefusal, message: string): VoteResult {
  return { ok: false, reason, message };
}

export { isAuthorized } from './is-authorized';
