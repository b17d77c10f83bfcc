import type { App } from '@slack/bolt';
import { lookupEnvironment } from '../src/config/lookup-environment';
import { toIso } from '../src/core/to-iso';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { describeFailure } from '../src/slack/describe-failure';
import { parseDrCommand } from '../src/slack/parse-dr-command';
import { createReplier } from '../src/slack/reply';
import { dispatchDrCommand } from './dispatch-dr-command';
import { helpCommand } from './help';
import { refusal } from './refusal';
import type { CommandPorts } from './verb-context';

/**
 * `/dr`: parse, acknowledge at once (a parse failure or help is the acknowledgement itself),
 * audit, then run one use case and answer ephemerally. Nothing slow happens before `ack`.
 */
export function registerDrCommand(app: App, deps: LifeboatDeps, ports: CommandPorts): void {
  app.command('/dr', async ({ command, ack, respond, client }) => {
    const parsed = parseDrCommand(command.text ?? '');
    const what = `/dr ${command.text ?? ''}`.trim();
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...refusal(parsed.error, parsed.instead) });
    } else if (parsed.command.verb === 'help') {
      await ack({ response_type: 'ephemeral', ...helpCommand(parsed.command) });
    } else {
      await ack();
    }

    const reply = createReplier({
      client,
      channelId: command.channel_id,
      userId: command.user_id,
      respond,
      logger: deps.logger,
    });
    const audit = () =>
      deps.audit.append({
        type: parsed.ok ? 'command' : 'refusal',
        actor: command.user_id,
        at: toIso(deps.clock.now()),
        ...(parsed.ok &&
        'environment' in parsed.command &&
        parsed.command.environment &&
        lookupEnvironment(deps.config.current(), parsed.command.environment).ok
          ? { environment: parsed.command.environment }
          : {}),
        summary: parsed.ok ? what : `${what} refused: ${parsed.error}`,
        detail: { channel: command.channel_id },
      });
    if (!parsed.ok || parsed.command.verb === 'help') {
      // Answered in the acknowledgement; only the audit entry is left.
      await audit();
      return;
    }
    const { command: drCommand } = parsed;
    try {
      await ports.waitNotice(reply, what, async () => {
        await audit();
        await reply(
          await dispatchDrCommand(
            {
              deps,
              authorizer: ports.authorizer,
              userId: command.user_id,
              channelId: command.channel_id,
            },
            drCommand,
          ),
        );
      });
    } catch (error) {
      deps.logger.error({ err: error, command: what, user: command.user_id }, '/dr failed');
      await reply({ text: describeFailure(error, what) }).catch(() => undefined);
    }
  });
}
