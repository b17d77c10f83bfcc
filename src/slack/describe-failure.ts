import { asLifeboatError, ErrorCode } from '../errors';

/**
 * The one error reporter of the Slack edge: what went wrong in words and what to do next, never
 * a stack trace. `what` names the command (`/dr failover shop-prod …`).
 */
export function describeFailure(error: unknown, what: string): string {
  const e = asLifeboatError(error);
  const next = 'Check `/dr status` to see where things stand, then try again';
  switch (e.code) {
    case ErrorCode.AwsThrottled:
    case ErrorCode.AwsUnavailable:
      return `:warning: AWS did not answer \`${what}\` (${e.message}). ${next} in a minute.`;
    case ErrorCode.AwsAccessDenied:
      return `:warning: AWS refused \`${what}\`: ${e.message}. Ask an admin to grant it to Lifeboat's role.`;
    case ErrorCode.Conflict:
      return `:warning: \`${what}\` collided with another change (${e.message}). ${next}.`;
    case ErrorCode.SlackError:
      return `:warning: Slack did not answer while handling \`${what}\` (${e.message}). ${next}.`;
    case ErrorCode.Internal:
      return `:warning: Something went wrong handling \`${what}\`; it is in the bot's log. ${next}.`;
    default:
      return `:warning: \`${what}\` failed: ${e.message}. ${next}.`;
  }
}
