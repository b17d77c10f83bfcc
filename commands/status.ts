import { readStatuses } from '../src/approval/read-environment-status';
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
  if (command.environment && !deps.config.environments[command.environment]) {
    return unknownEnvironment(ctx, command.environment, '/dr status');
  }
  const statuses = await readStatuses(deps, command.environment);
  return {
    text: `Status of ${command.environment ?? 'every environment'}`,
    blocks: statusBlocks(statuses, deps.clock.now()),
  };
}

export function unknownEnvironment(ctx: VerbContext, environment: string, verb: string): Reply {
  const known = Object.keys(ctx.deps.config.environments);
  return refusal(
    `there is no environment "${environment}"; the environments are ${known.join(', ')}`,
    `${verb} ${known[0] ?? 'ENV'}`,
  );
}
