import { ErrorCode, LifeboatError } from './errors';
import type { Settings } from './settings';

export type StartMode = 'sandbox' | 'production';

/**
 * What `npm start` runs. The sandbox only on its own terms: no SLACK_BOT_TOKEN and no Redis
 * given, since it always runs a Redis of its own and must never take jobs from, or give jobs to,
 * a real deployment (a secret that failed to mount must not turn a production host into a
 * sandbox). A Redis without a token is one line naming both settings and the way out.
 */
export function startMode(settings: Settings): StartMode {
  if (settings.slackBotToken) return 'production';
  const given = [
    ...(settings.redisUrl ? ['REDIS_URL'] : []),
    ...(settings.redisSentinels ? ['REDIS_SENTINELS'] : []),
  ];
  if (given.length === 0) return 'sandbox';
  const redis = given.join(' and ');
  throw new LifeboatError(
    ErrorCode.SettingInvalid,
    `${redis} ${given.length > 1 ? 'are' : 'is'} set but SLACK_BOT_TOKEN is not: the sandbox runs only on a Redis of its own. Set SLACK_BOT_TOKEN to run Lifeboat for real, or unset ${redis} for the sandbox`,
  );
}
