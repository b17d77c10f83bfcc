import { ErrorCode, LifeboatError } from '../errors';
import type { Settings } from '../settings';
import type { StartBotOptions } from './start-bot';

/**
 * The bot's Slack options for production, from the settings: a bot token, and a signing secret
 * in HTTP mode or an app token for Socket Mode. A missing one is one line naming it and the fix.
 */
export function botOptionsFromSettings(settings: Settings): StartBotOptions {
  if (!settings.slackBotToken) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      'SLACK_BOT_TOKEN is not set; set it to the bot token (xoxb-…), or run `npm start` for the sandbox',
    );
  }
  if (!settings.slackAppToken && !settings.slackSigningSecret) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      'SLACK_SIGNING_SECRET is required in HTTP mode: set it from your Slack app\'s "Basic Information" page, or set SLACK_APP_TOKEN (xapp-…) for Socket Mode',
    );
  }
  return {
    botToken: settings.slackBotToken,
    port: settings.port,
    ...(settings.slackSigningSecret ? { signingSecret: settings.slackSigningSecret } : {}),
    ...(settings.slackAppToken ? { appToken: settings.slackAppToken } : {}),
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
  };
}
