import { readSettings } from '../../src/settings';
import { botOptionsFromSettings } from '../../src/bot/bot-options-from-settings';

describe('botOptionsFromSettings', () => {
  it('takes HTTP mode with a signing secret, pointed at SLACK_API_URL', () => {
    const settings = readSettings({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      PORT: '3100',
    });
    expect(botOptionsFromSettings(settings)).toEqual({
      botToken: 'xoxb-1',
      port: 3100,
      signingSecret: 'secret',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
    });
  });

  it('takes Socket Mode with an app token and no signing secret', () => {
    const settings = readSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(botOptionsFromSettings(settings)).toMatchObject({ appToken: 'xapp-1' });
  });

  it.each([
    [{}, /^SLACK_BOT_TOKEN is not set/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET is required in HTTP mode/],
  ])('names the missing setting and the fix (%j)', (env, message) => {
    expect(() => botOptionsFromSettings(readSettings(env))).toThrow(message);
  });

  it('keeps the operator endpoints off Slack’s port in HTTP mode', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '9090' };
    expect(() => botOptionsFromSettings(readSettings(env))).toThrow(
      /^INTERNAL_PORT and PORT are both 9090: .*set INTERNAL_PORT to another port/,
    );
    expect(botOptionsFromSettings(readSettings({ ...env, INTERNAL_PORT: '9091' }))).toMatchObject({
      port: 9090,
    });
  });

  it('refuses a token of the wrong kind in one line', () => {
    expect(() => readSettings({ SLACK_BOT_TOKEN: 'xoxp-user' })).toThrow(
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
    );
  });
});
