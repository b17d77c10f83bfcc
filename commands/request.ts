import { approvalsNeeded } from '../src/core/approval-policy';
import { countNoun } from '../src/core/count-noun';
import { requestOperation } from '../src/approval/request-operation';
import { slackDate } from '../src/slack/blocks/mrkdwn';
import type { Reply } from '../src/slack/reply';
import { refusal } from './refusal';
import type { VerbContext } from './verb-context';

/** `/dr failover`, `/dr failback`, `/dr drill`: a request for approval, posted by the notifier. */
export async function requestCommand(
  ctx: VerbContext,
  command: {
    verb: 'failover' | 'failback' | 'drill';
    environment: string;
    reason?: string;
    toRegion?: string;
    planned?: boolean;
  },
): Promise<Reply> {
  const { deps } = ctx;
  const result = await requestOperation(
    deps,
    {
      kind: command.verb,
      environment: command.environment,
      requestedBy: ctx.userId,
      ...(command.reason !== undefined ? { reason: command.reason } : {}),
      ...(command.toRegion !== undefined ? { toRegion: command.toRegion } : {}),
      ...(command.planned !== undefined ? { planned: command.planned } : {}),
    },
    { authorizer: ctx.authorizer },
  );
  if (!result.ok) {
    const instead =
      result.reason === 'busy' && result.holder ? `/dr status ${command.environment}` : undefined;
    return refusal(result.message, instead);
  }
  const { op } = result;
  const needed = approvalsNeeded(op, deps.config.current().approval.minApprovers);
  const where =
    op.kind === 'drill' ? `in ${op.plan.toRegion}` : `${op.plan.fromRegion} → ${op.plan.toRegion}`;
  return {
    text:
      `:inbox_tray: Requested *${op.id}*: ${op.kind} of ${op.environment} ${where}. ` +
      `The request is posted in <#${deps.config.current().slack.channel}>; it needs ${countNoun(needed, 'approval')} from approvers other than you by ${slackDate(op.expiresAt)}. ` +
      `To withdraw it: \`/dr cancel ${op.id}\`.`,
  };
}
