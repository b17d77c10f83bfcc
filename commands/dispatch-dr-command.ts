import type { DrCommand } from '../src/slack/parse-dr-command';
import type { Reply } from '../src/slack/reply';
import { backupCommand } from './backup';
import { cancelCommand } from './cancel';
import { helpCommand } from './help';
import { historyCommand } from './history';
import { requestCommand } from './request';
import { statusCommand } from './status';
import type { VerbContext } from './verb-context';
import { voteCommand } from './vote';

/** One parsed `/dr` command to its handler. */
export async function dispatchDrCommand(ctx: VerbContext, command: DrCommand): Promise<Reply> {
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
