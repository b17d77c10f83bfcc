import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { APPROVE_ACTION, DENY_ACTION } from '../src/slack/blocks/operation-message';
import { describeFailure } from '../src/slack/describe-failure';
import { createReplier } from '../src/slack/reply';
import type { CommandPorts } from './verb-context';
import { voteCommand } from './vote';

/**
 * The Approve and Deny buttons. The click names an operation id; everything else is read from the
 * stored operation, never from the blocks that were clicked. The notifier updates the message.
 */
export function registerVoteButtons(app: App, deps: LifeboatDeps, ports: CommandPorts): void {
  for (const [actionId, decision] of [
    [APPROVE_ACTION, 'approve'],
    [DENY_ACTION, 'deny'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, body, action, client, respond }) => {
        await ack();
        const userId = body.user.id;
        const operationId = action.value ?? '';
        const channelId =
          body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
        const reply = createReplier({
          client,
          channelId,
          userId,
          respond,
          logger: deps.logger,
        });
        try {
          await ports.waitNotice(reply, `/dr ${decision} ${operationId}`, async () =>
            reply(
              await voteCommand(
                { deps, authorizer: ports.authorizer, userId, channelId: channelId ?? '' },
                { decision, operationId },
              ),
            ),
          );
        } catch (error) {
          deps.logger.error({ err: error, actionId, operationId, user: userId }, 'vote failed');
          await reply({ text: describeFailure(error, `${decision} ${operationId}`) }).catch(
            () => undefined,
          );
        }
      },
    );
  }
}
