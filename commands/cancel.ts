import { requestCancel } from '../src/approval/request-cancel';
import type { Reply } from '../src/slack/reply';
import { sentence } from '../src/slack/sentence';
import { refusal } from './refusal';
import type { VerbContext } from './verb-context';

/** `/dr cancel OP_ID`. */
export async function cancelCommand(
  ctx: VerbContext,
  command: { operationId: string },
): Promise<Reply> {
  const result = await requestCancel(
    ctx.deps,
    { operationId: command.operationId, userId: ctx.userId },
    { authorizer: ctx.authorizer },
  );
  if (!result.ok) return refusal(result.message);
  return {
    text: `:no_entry_sign: ${sentence(result.message)}`,
  };
}
