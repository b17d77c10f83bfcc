import { castVote } from '../src/approval/cast-vote';
import type { Reply } from '../src/slack/reply';
import { sentence } from '../src/slack/sentence';
import { refusal } from './refusal';
import type { VerbContext } from './verb-context';

/** `/dr approve OP_ID`, `/dr deny OP_ID [--reason]`, and the two buttons. */
export async function voteCommand(
  ctx: VerbContext,
  command: { decision: 'approve' | 'deny'; operationId: string; reason?: string },
): Promise<Reply> {
  const result = await castVote(
    ctx.deps,
    {
      operationId: command.operationId,
      userId: ctx.userId,
      decision: command.decision,
      channelId: ctx.channelId,
      ...(command.reason !== undefined ? { reason: command.reason } : {}),
    },
    { authorizer: ctx.authorizer },
  );
  if (!result.ok) return refusal(result.message);
  const icon = result.effect === 'denied' ? ':no_entry:' : ':white_check_mark:';
  const next =
    result.effect === 'approved'
      ? " It starts now; progress is in the request message's thread."
      : '';
  return {
    text: `${icon} ${sentence(result.message)}${next}`,
  };
}
