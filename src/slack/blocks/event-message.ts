import { formatDurationMs } from '../../core/format-duration';
import type { LifeboatEvent } from '../../events/lifeboat-event';
import { escapeMrkdwn, mention, resourceLabel } from './mrkdwn';

/** The channel message of an RPO alert or a backup run; undefined for events that have none. */
export function eventMessage(event: LifeboatEvent): string | undefined {
  switch (event.type) {
    case 'rpo.alert': {
      const exposure =
        event.exposureMs === undefined ? 'no recovery point' : formatDurationMs(event.exposureMs);
      const resource = event.resourceArn ? ` (worst: ${resourceLabel(event.resourceArn)})` : '';
      const icon = event.status === 'at-risk' ? ':large_yellow_circle:' : ':red_circle:';
      return `${icon} *${event.environment}* RPO ${event.status}: ${exposure} of ${formatDurationMs(event.rpoTargetMs)}${resource}. ${escapeMrkdwn(event.reason)}. \`/dr backup ${event.environment}\` backs it up now; \`/dr status ${event.environment}\` shows more.`;
    }
    case 'rpo.recovered':
      return `:large_green_circle: *${event.environment}* holds its RPO again: ${formatDurationMs(event.exposureMs)} of ${formatDurationMs(event.rpoTargetMs)}.`;
    case 'backup.failed':
      return `:red_circle: *${event.environment}* ${event.kind} of ${resourceLabel(event.resourceArn)} failed: ${escapeMrkdwn(event.message)}. Retry with \`/dr backup ${event.environment}\`.`;
    case 'backup.finished': {
      const by = event.requestedBy ? ` requested by ${mention(event.requestedBy)}` : '';
      const icon =
        event.outcome === 'succeeded'
          ? ':white_check_mark:'
          : event.outcome === 'failed'
            ? ':red_circle:'
            : ':fast_forward:';
      return `${icon} *${event.environment}* ${event.trigger} backup${by} ${event.outcome}: ${event.copied} copied, ${event.failed} failed. ${escapeMrkdwn(event.message)}`;
    }
    case 'config.reloaded':
      return `:gear: Configuration reloaded (${event.previousVersion} → ${event.version}); environments: ${event.environments.join(', ')}. Requests approved under the old version do not start; request them again.`;
    case 'config.rejected':
      return `:warning: The new configuration in ${escapeMrkdwn(event.path)} was not loaded; Lifeboat keeps version ${event.keptVersion}.\n${event.problems.map((p) => `• ${escapeMrkdwn(p)}`).join('\n')}`;
    default:
      return undefined;
  }
}
