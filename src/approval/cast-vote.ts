import {
  castVote as decideVote,
  describePrincipal,
  type VoteEffect,
  type VoteRefusal,
  type VoteResult,
} from '../core/approval-policy';
import { toIso } from '../core/to-iso';
import type { Operation, Principal } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { endRequest, removeJob } from './end-request';
import { announceExpiry } from './expire-request';
import { operationRefuser } from './operation-refuser';
import { planStillHolds } from './plan-still-holds';
import type { ApprovalPorts } from './request-operation';

export interface CastVoteInput {
  operationId: string;
  userId: string;
  decision: 'approve' | 'deny';
  reason?: string;
  /** Where the vote was cast (Slack): it counts only in the channel of the request message. */
  channelId?: string;
}

export type CastVoteRefusal = VoteRefusal | 'not_found' | 'plan_changed' | 'wrong_channel';

export type CastVoteOutcome =
  | { ok: true; op: Operation; effect: VoteEffect; message: string }
  | { ok: false; reason: CastVoteRefusal; message: string; op?: Operation };

/**
 * An approval or a denial, by button or by text. The decision is taken on the operation as
 * stored, inside the store's compare-and-set, so a double click counts once and of two approvers
 * racing exactly one makes the transition to approved, and only that one queues the run.
 *
 * The voter and the plan are checked under one configuration, and the vote is applied only if
 * that configuration is still in force inside the compare-and-set (and, for an approval, is the
 * one the plan was made under): a reload in between, which may have removed the approver or
 * lowered `minApprovers`, refuses the vote (`config_changed`) and asks the voter to vote again,
 * which checks everything anew. The approvals needed are the operation's own, stored at request
 * time. What authorised the vote (the voter's id, or the group and its members then) is stored
 * with it and written to the audit log.
 */
export async function castVote(
  deps: LifeboatDeps,
  input: CastVoteInput,
  ports: ApprovalPorts = {},
): Promise<CastVoteOutcome> {
  const { operationId, userId, decision } = input;
  const refuse = operationRefuser<CastVoteRefusal>(deps, {
    actor: userId,
    what: `${decision === 'approve' ? 'approval' : 'denial'} of ${operationId}`,
    operationId,
  });

  const stored = await deps.operations.get(operationId);
  if (!stored) {
    return refuse(
      'not_found',
      `there is no operation ${operationId}; /dr history lists the recent ones`,
    );
  }
  const where = stored.slack?.channel ?? deps.config.current().slack.channel;
  if (input.channelId !== undefined && input.channelId !== where) {
    return refuse(
      'wrong_channel',
      `votes on ${operationId} are taken in <#${where}>, where its request message is, so that everyone there sees them; vote there`,
      stored,
    );
  }
  // The configuration this vote is checked under; the authorizer says which one it used.
  const config = deps.config.current();
  let checkedVersion = config.version;
  let authProblem: string | undefined;
  let principal: Principal | undefined;
  if (userId !== stored.requestedBy) {
    const authorizer = ports.authorizer ?? deps.authorizer;
    const auth = await authorizer.check(userId, 'approver');
    if (!auth.allowed) authProblem = auth.message;
    else {
      principal = auth.principal;
      checkedVersion = auth.configVersion;
    }
  }
  const pending =
    stored.state === 'requested' && deps.clock.now().toMillis() < Date.parse(stored.expiresAt);
  if (decision === 'approve' && pending && userId !== stored.requestedBy && !authProblem) {
    const check = await planStillHolds(deps, stored, config);
    if (!check.ok) {
      return refuse(
        'plan_changed',
        `${check.message}, so ${operationId} cannot be approved as shown. Cancel it (/dr cancel ${operationId}) and request it again`,
        stored,
      );
    }
  }

  let verdict: VoteResult | undefined;
  const { op, changed } = await deps.operations.update(operationId, (current) => {
    verdict = decideVote({
      op: current,
      userId,
      decision,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      now: deps.clock.now(),
      isAuthorizedApprover: authProblem === undefined,
      ...(principal ? { principal } : {}),
      minApprovers: config.approval.minApprovers,
      // Read here, inside the compare-and-set: a reload since the checks refuses the vote.
      configVersions: { checked: checkedVersion, current: deps.config.current().version },
    });
    if (verdict.ok) return { op: verdict.op };
    if (verdict.reason === 'expired' && verdict.op && current.state === 'requested') {
      return { op: verdict.op };
    }
    return undefined;
  });
  const result = verdict as VoteResult;

  if (!result.ok) {
    if (changed && op.state === 'expired') await announceExpiry(deps, op);
    const message =
      result.reason === 'not_authorized' && authProblem ? authProblem : result.message;
    return refuse(result.reason, message, op);
  }

  const why = principal ? `${userId} (${describePrincipal(principal, { members: true })}): ` : '';
  await deps.audit.append({
    type: result.effect === 'denied' ? 'denial' : 'vote',
    actor: userId,
    at: toIso(deps.clock.now()),
    environment: op.environment,
    operationId,
    summary:
      why + result.message.replace(/<@(\w+)>/g, '$1') + (input.reason ? `: ${input.reason}` : ''),
    detail: {
      decision,
      effect: result.effect,
      fingerprint: op.plan.fingerprint,
      configVersion: checkedVersion,
      ...(principal ? { principal } : {}),
    },
  });
  if (result.effect === 'approved') {
    await deps.runs.enqueue(operationId);
    await removeJob(deps, () => deps.expiries.cancel(operationId));
    // A cancel that landed between the approval and the enqueue removed no run: remove it now
    // (the run would find the operation ended and do nothing, but it has no reason to exist).
    const after = await deps.operations.get(operationId);
    if (after && after.state !== 'approved' && after.state !== 'running') {
      await removeJob(deps, () => deps.runs.remove(operationId));
    }
  } else if (result.effect === 'denied') {
    await endRequest(deps, op);
  }
  await deps.events.publish({ type: 'operation.updated', operationId });
  return { ok: true, op, effect: result.effect, message: result.message };
}
