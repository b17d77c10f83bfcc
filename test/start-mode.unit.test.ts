import { readSettings } from '../src/settings';
import { startMode } from '../src/start-mode';

const mode = (env: Record<string, string>) => startMode(readSettings(env));

describe('startMode', () => {
  it('runs the sandbox only with no token and no Redis given', () => {
    expect(mode({})).toBe('sandbox');
    expect(mode({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('production');
    expect(mode({ SLACK_BOT_TOKEN: 'xoxb-1', REDIS_URL: 'redis://r:6379' })).toBe('production');
  });

  it('refuses a Redis without a token in one line naming both settings', () => {
    expect(() => mode({ REDIS_URL: 'redis://r:6379' })).toThrow(
      /^REDIS_URL is set but SLACK_BOT_TOKEN is not: .*unset REDIS_URL for the sandbox$/,
    );
    expect(() => mode({ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's:26379' })).toThrow(
      /^REDIS_URL and REDIS_SENTINELS are set but SLACK_BOT_TOKEN is not/,
    );
  });

  it('listens on 127.0.0.1 unless SANDBOX_HOST says otherwise', () => {
    expect(readSettings({}).sandboxHost).toBe('127.0.0.1');
    expect(readSettings({ SANDBOX_HOST: '0.0.0.0' }).sandboxHost).toBe('0.0.0.0');
    expect(() => readSettings({ SANDBOX_HOST: 'http://x' })).toThrow(/^SANDBOX_HOST must be/);
  });
});
