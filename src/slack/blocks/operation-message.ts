import type { KnownBlock } from './block-types';
import type { DateTime } from 'luxon';
import { formatDurationMs } from '../../core/format-duration';
import { approvalsNeeded, countApprovals, describePrincipal } from '../../core/approval-policy';
import { countNoun } from '../../core/count-noun';
import { summarizeOutcome } from '../../core/operation-report';
import { FINAL_STATES, type Operation, type StepRecord, type StepState } from '../../core/types';
import { progressOf } from '../../operations/operation-progress';
import {
  clip,
  context,
  escapeMrkdwn,
  header,
  mention,
  resourceLabel,
  section,
  slackDate,
  userText,
} from './mrkdwn';

export const APPROVE_ACTION = 'dr_approve';
export const DENY_ACTION = 'dr_deny';

const KIND = {
  failover: 'Failover',
  failback: 'Failback',
  drill: 'Drill',
  backup: 'Backup',
} as const;
const STATE = {
  requested: ':hourglass_flowing_sand: waiting for approval',
  approved: ':white_check_mark: approved, starting',
  running: ':arrows_counterclockwise: running',
  succeeded: ':large_green_circle: succeeded',
  failed: ':red_circle: failed',
  cancelled: ':no_entry_sign: cancelled',
  denied: ':no_entry: denied',
  expired: ':alarm_clock: expired',
} as const;
/** A step's icon, in the message and in its thread. */
export const STEP_ICON = {
  pending: ':white_circle:',
  running: ':hourglass:',
  done: ':white_check_mark:',
  failed: ':x:',
  skipped: ':fast_forward:',
} as const satisfies Record<StepState, string>;

export interface OperationMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The request message, from request to outcome: the plan (points, data loss, DNS, targets), the
 * votes, the steps with the RTO clock, and at the end the achieved RTO and data loss. Buttons only
 * while the request waits for approval. Rendered from the stored operation alone.
 */
export function operationMessage(
  op: Operation,
  now: DateTime,
  minApprovers: number,
): OperationMessage {
  const { plan } = op;
  const title = `${KIND[op.kind]} of ${op.environment} · ${op.id}`;
  const final = FINAL_STATES.includes(op.state);
  const needed = approvalsNeeded(op, minApprovers);
  const approvals = countApprovals(op);

  const where =
    op.kind === 'drill'
      ? `restore in *${plan.toRegion}* (traffic stays in ${plan.fromRegion})`
      : `*${plan.fromRegion}* → *${plan.toRegion}*${op.kind === 'failover' ? (plan.planned ? ' (planned)' : ' (unplanned)') : ''}`;
  const stateLine =
    op.state === 'requested'
      ? `${STATE.requested}: ${approvals} of ${countNoun(needed, 'approval')} from someone other than ${mention(op.requestedBy)}; expires ${slackDate(op.expiresAt)}`
      : STATE[op.state];
  const blocks: KnownBlock[] = [
    header(title),
    section(
      [
        `*Requested by* ${mention(op.requestedBy)} ${slackDate(op.requestedAt)}`,
        `*Plan:* ${where}`,
        `*State:* ${stateLine}`,
      ].join('\n'),
    ),
    section(restoreText(op)),
  ];
  if (op.kind !== 'drill') blocks.push(section(dnsText(op)));
  blocks.push(
    section(
      `*Targets:* RPO ${formatDurationMs(plan.rpoTargetMs)} · RTO ${formatDurationMs(plan.rtoTargetMs)} (deadline ${slackDate(plan.rtoDeadline)})`,
    ),
  );

  // The requester's words come after the whole plan, in a block of their own, quoted: at most
  // 500 characters on one line, they can neither push the plan out nor pass for part of it.
  if (op.reason) {
    blocks.push(
      section(`*Reason*, as ${mention(op.requestedBy)} wrote it:\n>${userText(op.reason)}`),
    );
  }

  if (op.steps.length > 0) blocks.push(section(stepsText(op.steps)));
  if (op.state === 'running' || op.state === 'approved') {
    const elapsedMs = now.toMillis() - Date.parse(op.requestedAt);
    const verdict = elapsedMs <= plan.rtoTargetMs ? 'within target' : 'over target';
    blocks.push(
      section(
        `*RTO clock:* ${formatDurationMs(elapsedMs)} of ${formatDurationMs(plan.rtoTargetMs)} (${verdict})` +
          (op.cancelRequestedBy
            ? `\n:warning: ${mention(op.cancelRequestedBy)} asked to cancel; it stops at the next step`
            : ''),
      ),
    );
  }
  if (
    final &&
    (op.state === 'succeeded' ||
      op.state === 'failed' ||
      (op.state === 'cancelled' && op.startedAt))
  ) {
    const summary = summarizeOutcome(op, now);
    blocks.push(
      section(
        `*Outcome:* ${summary.text}${op.error ? `\n*Error:* ${escapeMrkdwn(op.error)}` : ''}`,
      ),
    );
  }

  const votes = votesText(op);
  if (votes) blocks.push(context(votes));
  if (op.state === 'requested') blocks.push(buttons(op));

  return {
    text: clip(`${title}: ${STATE[op.state].replace(/^:[a-z_]+: /, '')}`, 2900),
    blocks: blocks.slice(0, 50),
  };
}

function restoreText(op: Operation): string {
  const { plan } = op;
  const rpo = formatDurationMs(plan.rpoTargetMs);
  const progress = progressOf(op).resources;
  const lines = plan.resources.map((r) => {
    const label = resourceLabel(r.resourceArn);
    // The point actually restored (a planned move's final backup) once known, else the plan's.
    const chosen = progress[r.resourceArn];
    const pointArn = chosen?.recoveryPointArn ?? r.recoveryPointArn;
    const createdAt = chosen?.recoveryPointCreatedAt ?? r.recoveryPointCreatedAt;
    if (!pointArn || createdAt === undefined) {
      return `• ${label}: no recovery point in ${plan.toRegion} yet`;
    }
    const lossMs =
      op.outcome?.dataLossMs?.[r.resourceArn] ??
      (pointArn === r.recoveryPointArn ? r.dataLossMs : undefined);
    const loss =
      lossMs === undefined
        ? ''
        : `, data loss ${formatDurationMs(lossMs)} of RPO ${rpo}${lossMs > plan.rpoTargetMs ? ' :warning: over target' : ''}`;
    const point = pointArn.split(':').pop() ?? pointArn;
    return `• ${label}: point \`${point}\` taken ${slackDate(createdAt)}${loss}`;
  });
  const intro = plan.planned
    ? `*Restore* in ${plan.toRegion} after a final backup and copy (data loss: minutes). Newest points there now:`
    : `*Restore* in ${plan.toRegion} from the newest completed recovery points:`;
  const unknown = plan.recoveryPointsUnknown
    ? `\n:warning: Recovery points unknown: ${escapeMrkdwn(plan.recoveryPointsUnknown)}`
    : '';
  return `${intro}\n${lines.join('\n')}${unknown}`;
}

function dnsText(op: Operation): string {
  const { plan } = op;
  if (plan.dnsChanges.length === 0) return '*DNS:* no records change';
  const lines = plan.dnsChanges.map(
    (d) => `• \`${d.name}\` ${d.type} ${d.from} → ${d.to} (TTL ${d.ttl}s)`,
  );
  const checks =
    plan.healthChecks.length > 0
      ? `\nafter health check ${plan.healthChecks.join(', ')} is healthy`
      : '';
  return `*DNS* (zone ${plan.hostedZoneId}):\n${lines.join('\n')}${checks}`;
}

function stepsText(steps: readonly StepRecord[]): string {
  const lines = steps.map((s) => {
    const took =
      s.startedAt && s.endedAt
        ? ` (${formatDurationMs(Date.parse(s.endedAt) - Date.parse(s.startedAt))})`
        : '';
    const detail = s.detail ? ` — ${escapeMrkdwn(s.detail)}` : '';
    return `${STEP_ICON[s.state]} ${s.name}${took}${detail}`;
  });
  return `*Steps*\n${lines.join('\n')}`;
}

/** Each vote, with why it counted: `approved by <@U0CAROL> (through @dr-approvers) …`. */
function votesText(op: Operation): string | undefined {
  const parts = op.votes.map((v) => {
    const who = `${mention(v.userId)}${v.principal ? ` (${escapeMrkdwn(describePrincipal(v.principal))})` : ''}`;
    return v.decision === 'approve'
      ? `approved by ${who} ${slackDate(v.at)}`
      : `denied by ${who} ${slackDate(v.at)}${v.reason ? `: “${userText(v.reason)}”` : ''}`;
  });
  if (op.state === 'cancelled' && op.cancelRequestedBy)
    parts.push(`cancelled by ${mention(op.cancelRequestedBy)}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function buttons(op: Operation): KnownBlock {
  const what = `${KIND[op.kind].toLowerCase()} of ${op.environment} (${op.plan.fromRegion} → ${op.plan.toRegion})`;
  return {
    type: 'actions',
    block_id: `dr_vote`,
    elements: [
      voteButton(
        op,
        APPROVE_ACTION,
        'Approve',
        'primary',
        `This approves the ${what}. It starts as soon as the approvals are in.`,
      ),
      voteButton(op, DENY_ACTION, 'Deny', 'danger', `One denial ends the request for the ${what}.`),
    ],
  };
}

/** A button that names the operation by id only, behind a confirmation dialog. */
function voteButton(
  op: Operation,
  actionId: string,
  label: 'Approve' | 'Deny',
  style: 'primary' | 'danger',
  confirmText: string,
) {
  return {
    type: 'button' as const,
    action_id: actionId,
    value: op.id,
    style,
    text: { type: 'plain_text' as const, text: label },
    confirm: {
      title: { type: 'plain_text' as const, text: `${label} ${op.id}?` },
      text: { type: 'mrkdwn' as const, text: clip(confirmText, 300) },
      confirm: { type: 'plain_text' as const, text: label },
      deny: { type: 'plain_text' as const, text: 'Back' },
    },
  };
}
