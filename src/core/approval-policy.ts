import type { DateTime } from 'luxon';
import { countNoun } from './count-noun';
import { transition } from './operation-machine';
import { toIso } from './to-iso';
import type { Operation, Principal, Vote } from './types';

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
 * - The approvals needed are the operation's own (`requiredApprovals`, decided at request time),
 *   never fewer than the configuration the vote was checked under demands.
 * - A vote counts only under the configuration it was checked under: when the one in force is
 *   another, or an approval's checks ran under another than the plan's, nothing is recorded and
 *   the voter is asked to vote again (`config_changed`); that vote is checked anew.
 */
export const VoteRefusal = {
  SelfApproval: 'self_approval',
  DuplicateVote: 'duplicate_vote',
  Expired: 'expired',
  NotAuthorized: 'not_authorized',
  NotPending: 'not_pending',
  ConfigChanged: 'config_changed',
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
  /** What made userId an approver (their id, or a group and its members): kept with the vote. */
  principal?: Principal;
  /** `approval.minApprovers` of the configuration the vote was checked under. */
  minApprovers: number;
  /**
   * The configuration version the vote's checks ran under, and the one in force as the vote is
   * applied (read inside the store's compare-and-set).
   */
  configVersions?: { checked: string; current: string };
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
  const versions = input.configVersions;
  if (versions) {
    const changed =
      versions.checked !== versions.current
        ? `the configuration changed (version ${versions.checked} → ${versions.current}) while your vote on ${op.id} was being checked`
        : decision === 'approve' && op.plan.configVersion !== versions.checked
          ? `${op.id} was planned under configuration ${op.plan.configVersion}, not ${versions.checked}, the one your vote was checked under`
          : undefined;
    if (changed) {
      return refuse(
        'config_changed',
        `${changed}, so it was not recorded; vote again, and it is checked under the configuration in force`,
      );
    }
  }

  const vote: Vote = {
    userId,
    decision,
    at: toIso(now),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(input.principal !== undefined ? { principal: input.principal } : {}),
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

  const needed = approvalsNeeded(op, input.minApprovers);
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

/** How many approvers besides the requester an operation needs: minApprovers, never fewer than one. */
export function requiredApprovals(minApprovers: number): number {
  return Math.max(1, minApprovers);
}

/**
 * The approvals `op` needs: those stored on it at request time, and never fewer than
 * `minApprovers` (of the configuration in force) demands. An operation stored before the number
 * was kept needs what `minApprovers` says.
 */
export function approvalsNeeded(op: Operation, minApprovers: number): number {
  return Math.max(requiredApprovals(minApprovers), op.requiredApprovals ?? 0);
}

/** Distinct people other than the requester who approved. */
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

/** Whether a voter may approve under the configuration in force, and through what. */
export type VoterStanding = { authorized: true; principal?: Principal } | { authorized: false };

export interface ApprovalRecount {
  ok: boolean;
  /** The approvers that count, in the order they voted. */
  counted: string[];
  needed: number;
  /** For people: how many count against how many are needed, and why each other vote does not. */
  message: string;
}

/**
 * The approvals of a stored operation counted again, as the executor does before it acts: one per
 * person, never the requester's, each only if `standing` (the voters checked against the
 * configuration in force) says the voter may approve now. A recorded denial fails the count.
 */
export function recountApprovals(
  op: Operation,
  input: { needed: number; standing: ReadonlyMap<string, VoterStanding> },
): ApprovalRecount {
  const needed = Math.max(1, input.needed);
  const counted: { userId: string; principal?: Principal }[] = [];
  const deniers = [...new Set(op.votes.filter((v) => v.decision === 'deny').map((v) => v.userId))];
  const problems = deniers.map((userId) => `${person(userId)} denied it`);
  const seen = new Set<string>();
  for (const vote of op.votes) {
    if (vote.decision !== 'approve' || seen.has(vote.userId)) continue;
    seen.add(vote.userId);
    const who = person(vote.userId);
    const standing = input.standing.get(vote.userId);
    if (vote.userId === op.requestedBy) {
      problems.push(`${who} requested it, so their approval does not count`);
    } else if (standing === undefined) {
      problems.push(`${who} could not be checked`);
    } else if (!standing.authorized) {
      const through =
        vote.principal?.type === 'group' ? ` (they approved through ${vote.principal.handle})` : '';
      problems.push(`${who} is not one of the approvers now${through}`);
    } else {
      counted.push({
        userId: vote.userId,
        ...(standing.principal ? { principal: standing.principal } : {}),
      });
    }
  }
  const tally = `${counted.length} of ${countNoun(needed, 'approval')}`;
  const ok = counted.length >= needed && deniers.length === 0;
  const names = counted.map((c) =>
    c.principal ? `${person(c.userId)} (${describePrincipal(c.principal)})` : person(c.userId),
  );
  const message = ok
    ? `${tally}: ${names.join(', ')}`
    : `the approvals do not hold under the configuration in force: ${tally} from someone other than ${person(op.requestedBy)}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
  return { ok, counted: counted.map((c) => c.userId), needed, message };
}

/**
 * Why a principal let someone in, for people: `approver by id`, `through @dr-approvers`, or with
 * `members`, `through @dr-approvers: U0ALICE, U0CAROL` (the group as it was at that moment).
 */
export function describePrincipal(
  principal: Principal,
  options: { members?: boolean } = {},
): string {
  if (principal.type === 'user') return 'approver by id';
  const members = options.members ? `: ${principal.members.join(', ') || 'no members'}` : '';
  return `through ${principal.handle}${members}`;
}

/** A user id as a mention; Lifeboat's own acts as its name. */
function person(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : userId;
}

export { isAuthorized } from './is-authorized';
