import { botHarness, type BotHarness } from '../bot/support/bot-harness';

describe('/dr over signed HTTP', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness('slash');
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers help at once, in the acknowledgement itself', async () => {
    const res = await h.command('help failover', 'U0ALICE');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as {
      response_type: string;
      text: string;
      blocks: { text: { text: string } }[];
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]?.text.text).toContain(
      '/dr failover ENV [--to REGION] [--planned] --reason "TEXT"',
    );
    const reverse = JSON.parse((await h.command('failover help', 'U0ALICE')).text) as {
      text: string;
    };
    expect(reverse.text).toContain('/dr failover');
  });

  it('refuses what it cannot parse, saying what to type instead', async () => {
    const res = await h.command('failover shop-prod --force', 'U0ALICE');
    const body = JSON.parse(res.text) as { text: string };
    expect(body.text).toContain('no flag --force');
    expect(body.text).toContain('Instead: `/dr failover ENV');
    const unknown = JSON.parse((await h.command('flyover', 'U0ALICE')).text) as { text: string };
    expect(unknown.text).toContain('Instead: `/dr help`');
  });

  it('shows status per environment, saying what is not measured yet', async () => {
    await h.deps.exposures.put({
      environment: 'shop-prod',
      region: 'eu-central-1',
      perResource: [],
      worstExposureMs: 5_400_000,
      status: 'ok',
      rpoTargetMs: 14_400_000,
      computedAt: '2026-03-01T11:59:00.000Z',
      nextBackupAt: '2026-03-01T14:00:00.000Z',
      intervalMs: 12_000_000,
      expectedBackupDurationMs: 1_800_000,
    });
    expect((await h.command('status', 'U0NOBODY')).status).toBe(200);
    const text = await h.nextEphemeral('U0NOBODY', 1);
    expect(text).toContain('Status of every environment');
    const call = h.slack.callsTo('chat.postEphemeral').find((c) => c.args.user === 'U0NOBODY');
    const blocks = JSON.stringify(call?.args.blocks);
    expect(blocks).toContain('traffic in *eu-west-1*');
    expect(blocks).toContain('RPO exposure: 1h 30m of 4h (ok');
    expect(blocks).toContain('Next backup:');
    expect(blocks).toContain('payments-prod');
    expect(blocks).toContain('RPO exposure: not measured yet');
    expect(blocks).toContain('Last drill: none yet');
  });

  it('refuses an unknown environment with the list of environments', async () => {
    await h.command('status shop-test', 'U0ALICE');
    expect(await h.nextEphemeral('U0ALICE', 1)).toMatch(
      /no environment "shop-test".*shop-prod, payments-prod, intranet-prod/,
    );
  });

  it('queues a backup for a requester and refuses an outsider', async () => {
    await h.command('backup shop-prod', 'U0BOB');
    expect(await h.nextEphemeral('U0BOB', 1)).toContain('Backup of shop-prod queued');
    const jobs = await h.infra.queues.backups.getJobs(['waiting']);
    expect(jobs.map((j) => j.data)).toEqual([
      { environment: 'shop-prod', trigger: 'manual', requestedBy: 'U0BOB' },
    ]);
    await h.command('backup shop-prod', 'U0MALLORY');
    expect(await h.nextEphemeral('U0MALLORY', 1)).toContain('not a requester or an approver');
  });

  it('shows the history from the audit log', async () => {
    await h.command('history shop-prod --limit 5', 'U0CAROL');
    const text = await h.nextEphemeral('U0CAROL', 1);
    expect(text).toContain('History of shop-prod');
    const call = h.slack.callsTo('chat.postEphemeral').find((c) => c.args.user === 'U0CAROL');
    expect(JSON.stringify(call?.args.blocks)).toContain('requested a backup of shop-prod');
  });
});
