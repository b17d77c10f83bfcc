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
  if (!settings.slackAppToken && settings.port !== 0 && settings.port === settings.internalPort) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      `INTERNAL_PORT and PORT are both ${settings.port}: /healthz and /metrics stay off Slack's port; set INTERNAL_PORT to another port (default 9090)`,
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
