import { requestBackup } from '../src/approval/request-backup';
import type { Reply } from '../src/slack/reply';
import { refusal } from './refusal';
import type { VerbContext } from './verb-context';

/** `/dr backup ENV`: queued; the result is posted to the channel when it ends. */
export async function backupCommand(
  ctx: VerbContext,
  command: { environment: string },
): Promise<Reply> {
  const result = await requestBackup(
    ctx.deps,
    { environment: command.environment, requestedBy: ctx.userId },
    { authorizer: ctx.authorizer },
  );
  if (!result.ok) return refusal(result.message);
  return {
    text: `:floppy_disk: Backup of ${command.environment} queued. It is copied to the recovery region, and the result is posted in <#${ctx.deps.config.current().slack.channel}>.`,
  };
}
