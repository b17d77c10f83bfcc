import { readStatuses } from '../src/approval/read-environment-status';
import { lookupEnvironment, type EnvironmentLookup } from '../src/config/lookup-environment';
import { statusBlocks } from '../src/slack/blocks/status-blocks';
import type { Reply } from '../src/slack/reply';
import { refusal } from './refusal';
import type { VerbContext } from './verb-context';

/** `/dr status [ENV]`: anyone in the workspace may look. */
export async function statusCommand(
  ctx: VerbContext,
  command: { environment?: string },
): Promise<Reply> {
  const { deps } = ctx;
  if (command.environment) {
    const found = lookupEnvironment(deps.config.current(), command.environment);
    if (!found.ok) return unknownEnvironment(ctx, found, '/dr status');
  }
  const statuses = await readStatuses(deps, command.environment);
  return {
    text: `Status of ${command.environment ?? 'every environment'}`,
    blocks: statusBlocks(statuses, deps.clock.now()),
  };
}

/** The refusal of a name that is no environment: the one meant, or the names there are. */
export function unknownEnvironment(
  ctx: VerbContext,
  failure: Extract<EnvironmentLookup, { ok: false }>,
  verb: string,
): Reply {
  const first = Object.keys(ctx.deps.config.current().environments)[0];
  return refusal(failure.message, `${verb} ${failure.suggestion ?? first ?? 'ENV'}`);
}
