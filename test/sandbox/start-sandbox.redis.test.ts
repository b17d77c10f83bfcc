import { freePort } from '../../src/sandbox/redis-child';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { readSettings } from '../../src/settings';
import { eventually } from '../support/eventually';
import { deletePrefix, testRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis-prefix';

const CHANNEL = 'C0DRCHANNEL';

/**
 * The sandbox's workers count approvals again before an operation runs, through the sandbox's
 * own user groups: Alice, who may approve only through @dr-approvers, approves Bob's failover
 * and it runs.
 */
describe('the sandbox', () => {
  const prefix = uniquePrefix('sandbox');
  let sandbox: RunningSandbox | undefined;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    const settings = readSettings({
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      DR_PREFIX: prefix,
      AWS_EMULATOR_JOB_MS: '100',
      AWS_EMULATOR_PORT: String(await freePort()),
      DR_POLL_MS: '100',
      LOG_LEVEL: 'silent',
    });
    sandbox = await startSandbox(settings, {});
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await sandbox?.stop();
    const redis = testRedis();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json() as Promise<unknown>;
  };
  const seenBy = async (user: string): Promise<string> =>
    JSON.stringify(await (await fetch(`${base}/sandbox/api/workspace?user=${user}`)).json());

  it('runs an operation approved through a user group', async () => {
    await post('/sandbox/api/compose', {
      user: 'U0BOB',
      channel: CHANNEL,
      text: '/dr failover shop-prod --reason "region down"',
    });
    const id = await eventually(async () => /(op-[a-z0-9]+)/.exec(await seenBy('U0BOB'))?.[1], {
      timeoutMs: 20_000,
      what: 'the request of Bob',
    });
    await post('/sandbox/api/compose', {
      user: 'U0ALICE',
      channel: CHANNEL,
      text: `/dr approve ${id}`,
    });
    const seen = await eventually(
      async () => {
        const all = await seenBy('U0ALICE');
        return /succeeded|failed/.test(all) && all.includes('Outcome') ? all : undefined;
      },
      { timeoutMs: 30_000, everyMs: 200, what: `${id} to end` },
    );
    expect(seen).toContain('succeeded');
    expect(seen).toContain('approved by <@U0ALICE> (through @dr-approvers)');
  });
});
