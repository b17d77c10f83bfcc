import { auditRefusal } from '../src/approval/audit-refusal';
import type { DrCommand } from '../src/slack/parse-dr-command';
import type { Reply } from '../src/slack/reply';
import { backupCommand } from './backup';
import { cancelCommand } from './cancel';
import { helpCommand } from './help';
import { historyCommand } from './history';
import { refusal } from './refusal';
import { requestCommand } from './request';
import { statusCommand } from './status';
import type { VerbContext } from './verb-context';
import { voteCommand } from './vote';

/** The verbs that ask Lifeboat to act on an environment: taken only where everyone sees them. */
const REQUEST_VERBS: ReadonlySet<DrCommand['verb']> = new Set([
  'failover',
  'failback',
  'drill',
  'backup',
]);

/** One parsed `/dr` command to its handler. */
export async function dispatchDrCommand(ctx: VerbContext, command: DrCommand): Promise<Reply> {
  const channel = ctx.deps.config.current().slack.channel;
  if (REQUEST_VERBS.has(command.verb) && ctx.channelId !== channel) {
    const message = `/dr ${command.verb} is taken only in <#${channel}>, where everyone sees the requests; type it there`;
    await auditRefusal(ctx.deps, {
      actor: ctx.userId,
      what: `/dr ${command.verb}`,
      message,
      reason: 'wrong_channel',
      detail: { channel: ctx.channelId },
    });
    return refusal(message);
  }
  switch (command.verb) {
    case 'help':
      return helpCommand(command);
    case 'status':
      return statusCommand(ctx, command);
    case 'history':
      return historyCommand(ctx, command);
    case 'backup':
      return backupCommand(ctx, command);
    case 'failover':
    case 'failback':
    case 'drill':
      return requestCommand(ctx, command);
    case 'approve':
      return voteCommand(ctx, { decision: 'approve', operationId: command.operationId });
    case 'deny':
      return voteCommand(ctx, {
        decision: 'deny',
        operationId: command.operationId,
        ...(command.reason !== undefined ? { reason: command.reason } : {}),
      });
    case 'cancel':
      return cancelCommand(ctx, command);
  }
}
