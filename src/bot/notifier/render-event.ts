import type { Operation } from '../../core/types';
import type { LifeboatEvent } from '../../events/lifeboat-event';
import { eventMessage } from '../../slack/blocks/event-message';
import { slackDate } from '../../slack/blocks/mrkdwn';
import { STEP_ICON } from '../../slack/blocks/operation-message';

/**
 * What an event asks of Slack, decided without Slack: render an operation's request message
 * again (from the stored operation, the latest state wins), add a line to its thread, or post a
 * line in the DR channel. The request message itself is `operationMessage`.
 */
export type NotifierWork =
  | { kind: 'render'; operationId: string }
  | { kind: 'thread'; operationId: string; line: string }
  | { kind: 'channel'; line: string };

/** A thread line's icon: a step's state, or the operation's at its `outcome` line. */
const THREAD_ICON: Record<string, string> = {
  ...STEP_ICON,
  succeeded: ':large_green_circle:',
  cancelled: ':no_entry_sign:',
  blocked: ':warning:',
};

/** The work an event makes, or undefined when it is not news in Slack. */
export function renderEvent(event: LifeboatEvent): NotifierWork | undefined {
  switch (event.type) {
    case 'operation.updated':
      return { kind: 'render', operationId: event.operationId };
    case 'operation.step':
      return {
        kind: 'thread',
        operationId: event.operationId,
        line: `${THREAD_ICON[event.state] ?? ':small_blue_diamond:'} ${event.text}`,
      };
    case 'backup.finished':
      // Scheduled runs that went well are the normal case: only their trouble is news.
      if (event.trigger === 'schedule' && event.outcome !== 'failed') return undefined;
      break;
    default:
      break;
  }
  const line = eventMessage(event);
  return line === undefined ? undefined : { kind: 'channel', line };
}

/** Whether `op`'s posted message shows an RTO clock that moves though no step changes. */
export function showsRunningClock(op: Operation): boolean {
  return op.slack !== undefined && (op.state === 'running' || op.state === 'approved');
}

/** Slack errors that mean the bot cannot post in the channel, and that the user can fix. */
const CHANNEL_PROBLEMS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
]);

/**
 * The requester's direct message when the request message could not be posted in `channel`
 * (Slack answered `slackCode`): why, what to do, and that `/dr approve` still works until expiry.
 */
export function unpostedNotice(op: Operation, channel: string, slackCode: string): string {
  const fix = CHANNEL_PROBLEMS.has(slackCode)
    ? `invite Lifeboat there (\`/invite @Lifeboat\`) or set \`slack.channel\` in DR_CONFIG`
    : "see the bot's log";
  return (
    `:warning: I could not post your request *${op.id}* (${op.kind} of ${op.environment}) in <#${channel}>: Slack answered \`${slackCode}\`; ${fix}. ` +
    `Nobody sees its Approve button, but it stands until ${slackDate(op.expiresAt)}: an approver can still type \`/dr approve ${op.id}\`.`
  );
}
