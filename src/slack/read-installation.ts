import { ErrorCode as WebApiErrorCode, type WebClient } from '@slack/web-api';
import { ErrorCode, LifeboatError } from '../errors';
import { slackErrorCode } from './slack-call';

/** Where the bot is installed, as Slack says at start-up: what every request must come from. */
export interface SlackInstallation {
  /** The workspace of the bot token; absent for an org-wide install. */
  teamId?: string;
  /** The Enterprise Grid organization, if the workspace is in one. */
  enterpriseId?: string;
  /** Installed for a whole organization: every workspace of `enterpriseId` may use it. */
  orgWide: boolean;
  /** The Slack app (api_app_id of its requests), when Slack says which. */
  appId?: string;
}

/**
 * Asks Slack who the bot token belongs to (`auth.test`, and `bots.info` for the app id when
 * auth.test does not give it). A token Slack does not accept stops start-up with the fix.
 */
export async function readInstallation(client: WebClient): Promise<SlackInstallation> {
  let auth: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    auth = await client.auth.test();
  } catch (error) {
    if ((error as { code?: string }).code === WebApiErrorCode.PlatformError) {
      throw new LifeboatError(
        ErrorCode.SettingInvalid,
        `Slack's auth.test refused the bot token (${slackErrorCode(error)}); set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (xoxb-…)`,
        { cause: error },
      );
    }
    throw new LifeboatError(
      ErrorCode.SlackError,
      `Slack did not answer auth.test (${slackErrorCode(error)}), which says which workspace to serve; check SLACK_API_URL and the network, then start again`,
      { cause: error, retryable: true },
    );
  }
  const orgWide = auth.is_enterprise_install === true;
  const installation: SlackInstallation = {
    ...(auth.team_id && !orgWide ? { teamId: auth.team_id } : {}),
    ...(auth.enterprise_id ? { enterpriseId: auth.enterprise_id } : {}),
    orgWide,
  };
  if (!installation.teamId && !(orgWide && installation.enterpriseId)) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      "Slack's auth.test named no workspace for the bot token; set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (xoxb-…)",
    );
  }
  const appId = auth.app_id ?? (auth.bot_id ? await appOfBot(client, auth.bot_id) : undefined);
  return { ...installation, ...(appId ? { appId } : {}) };
}

async function appOfBot(client: WebClient, bot: string): Promise<string | undefined> {
  try {
    return (await client.bots.info({ bot })).bot?.app_id;
  } catch {
    // Without the app id, requests are checked by workspace alone.
    return undefined;
  }
}
