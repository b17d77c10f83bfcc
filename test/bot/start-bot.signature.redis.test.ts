import { slashCommandBody, slackSignature, postToSlackEndpoint } from '../support/slack-signing';
import { botHarness, type BotHarness } from './support/bot-harness';

describe('requests not signed by Slack', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('sig');
    h.seedShopPoints(3_600_000);
  });
  afterAll(async () => {
    await h.close();
  });

  const nothingChanged = async () => {
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(await h.deps.operations.list()).toEqual([]);
    expect(await h.deps.audit.read()).toEqual([]);
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  };
  const failover = 'failover shop-prod --reason "forged"';

  it('refuses a forged signature with 401', async () => {
    const res = await h.command(failover, 'U0ALICE', { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    const wrongSecret = await h.command(failover, 'U0ALICE', { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    await nothingChanged();
  });

  it('refuses an unsigned request with 401', async () => {
    expect((await h.command(failover, 'U0ALICE', { signature: null })).status).toBe(401);
    await nothingChanged();
  });

  it('refuses a request signed more than five minutes ago with 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await h.command(failover, 'U0ALICE', { timestampSec: stale })).status).toBe(401);
    await nothingChanged();
  });

  it('refuses a body changed after signing with 401', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const signed = slashCommandBody({ text: 'status', userId: 'U0ALICE' });
    const tampered = slashCommandBody({ text: failover, userId: 'U0ALICE' });
    const res = await postToSlackEndpoint(
      `${h.url}/slack/events`,
      tampered,
      'application/x-www-form-urlencoded',
      {
        timestampSec: ts,
        signature: slackSignature(signed, ts),
      },
    );
    expect(res.status).toBe(401);
    await nothingChanged();
  });

  it('serves /healthz and /metrics on the internal port only, and 404 on Slack’s', async () => {
    expect(h.internalUrl).not.toBe(h.url);
    for (const path of ['/healthz', '/metrics']) {
      const onSlack = await fetch(`${h.url}${path}`);
      expect(onSlack.status).toBe(404);
      await onSlack.text();
    }
    const health = await fetch(`${h.internalUrl}/healthz`);
    // No worker runs in this test: the bot says so.
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      redis: 'ok',
      workers: { operations: 0, backups: 0, monitor: 0, expiry: 0 },
    });
    const metrics = await fetch(`${h.internalUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain(
      'lifeboat_rpo_target_seconds{environment="shop-prod"} 14400',
    );
  });
});
