import { createRuntime, type Runtime } from '../src/create-runtime';
import { readSettings } from '../src/settings';
import { SANDBOX_CONFIG_PATH } from './support/harness';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './support/redis-prefix';
import { startSlackApiRecorder, type SlackApiRecorder } from './support/slack-api-recorder';

/**
 * The workers count approvals again before an operation runs, group members among them: with a
 * bot token, the runtime's authorizer reads user groups from Slack; without one it knows none.
 */
describe('the runtime’s authorizer', () => {
  let slack: SlackApiRecorder;
  let runtime: Runtime | undefined;
  beforeEach(async () => {
    slack = await startSlackApiRecorder();
    slack.setUserGroups([{ id: 'S0DR', handle: 'dr-approvers', users: ['U0DAVE'] }]);
  });
  afterEach(async () => {
    if (runtime) {
      await deletePrefix(runtime.infra.redis, runtime.infra.prefix);
      await runtime.close();
    }
    runtime = undefined;
    await slack.close();
  });

  const settings = (env: Record<string, string> = {}) =>
    readSettings({
      REDIS_URL: TEST_REDIS_URL,
      DR_CONFIG: SANDBOX_CONFIG_PATH,
      DR_PREFIX: uniquePrefix('runtime'),
      LOG_LEVEL: 'silent',
      ...env,
    });

  it('reads user groups through Slack when a bot token is set', async () => {
    runtime = await createRuntime(
      settings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }),
    );
    expect(await runtime.deps.authorizer.check('U0DAVE', 'approver')).toMatchObject({
      allowed: true,
      principal: { type: 'group', handle: '@dr-approvers', members: ['U0DAVE'] },
    });
    expect(slack.callsTo('usergroups.users.list').length).toBeGreaterThan(0);
  });

  it('lets no group member in without a bot token', async () => {
    runtime = await createRuntime(settings());
    expect(await runtime.deps.authorizer.check('U0DAVE', 'approver')).toMatchObject({
      allowed: false,
    });
    expect(await runtime.deps.authorizer.check('U0BOB', 'approver')).toMatchObject({
      allowed: true,
      principal: { type: 'user', id: 'U0BOB' },
    });
  });
});
