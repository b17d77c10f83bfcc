import { lookupEnvironment } from '../src/config/lookup-environment';
import { historyBlocks } from '../src/slack/blocks/history-blocks';
import type { Reply } from '../src/slack/reply';
import { unknownEnvironment } from './status';
import type { VerbContext } from './verb-context';

/** `/dr history [ENV] [--limit N]`: the audit log, newest first. */
export async function historyCommand(
  ctx: VerbContext,
  command: { environment?: string; limit: number },
): Promise<Reply> {
  const { deps } = ctx;
  if (command.environment) {
    const found = lookupEnvironment(deps.config.current(), command.environment);
    if (!found.ok) return unknownEnvironment(ctx, found, '/dr history');
  }
  const entries = await deps.audit.read({
    ...(command.environment ? { environment: command.environment } : {}),
    limit: command.limit,
  });
  const scope = command.environment ?? 'every environment';
  return { text: `History of ${scope}`, blocks: historyBlocks(entries, scope) };
}
