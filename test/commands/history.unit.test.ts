import type { Config } from '../../src/config/config';
import { createConfigSource } from '../../src/config/config-source';
import { historyCommand } from '../../commands/history';
import type { VerbContext } from '../../commands/verb-context';
import { fakeClock } from '../../src/clock';
import type { LifeboatDeps } from '../../src/lifeboat-deps';
import type { AuditEntry } from '../../src/store/audit-log';
import { createMemoryAuditLog } from '../../src/store/memory/audit-log';

const clock = fakeClock('2026-03-01T12:00:00Z');

function context(audit: LifeboatDeps['audit']): VerbContext {
  const deps = {
    config: createConfigSource({
      environments: { 'shop-prod': {}, 'blog-prod': {} },
    } as unknown as Config),
    audit,
    clock,
  } as unknown as LifeboatDeps;
  return {
    deps,
    userId: 'U0CAROL',
    authorizer: {} as VerbContext['authorizer'],
    channelId: 'C0DRCHANNEL',
  };
}

function entry(summary: string, environment?: string): AuditEntry {
  return {
    type: 'command',
    actor: 'U0ALICE',
    at: clock.now().toUTC().toISO() ?? '',
    ...(environment ? { environment } : {}),
    summary,
  };
}

describe('/dr history', () => {
  it("reads one environment's entries through its index, newest first, as before", async () => {
    const audit = createMemoryAuditLog({ clock });
    await audit.append(entry('/dr backup shop-prod', 'shop-prod'));
    for (let i = 0; i < 30; i++)
      await audit.append(entry(`/dr status blog-prod ${i}`, 'blog-prod'));
    await audit.append(entry('/dr status'));
    await audit.append(entry('/dr failover shop-prod', 'shop-prod'));
    // Every other entry unreadable: a scan of the log would fail on the first of them.
    for (const record of audit.records) {
      if (!record.fields.entry?.includes('shop-prod')) record.fields = { entry: 'garbage' };
    }

    const reply = await historyCommand(context(audit), { environment: 'shop-prod', limit: 20 });
    expect(reply.text).toBe('History of shop-prod');
    const text = JSON.stringify(reply.blocks);
    expect(text.indexOf('/dr failover shop-prod')).toBeLessThan(
      text.indexOf('/dr backup shop-prod'),
    );
    expect(text).toContain('<@U0ALICE> *command* shop-prod: /dr failover shop-prod');
    expect(text).toContain('2 entries for shop-prod, newest first');
    await expect(historyCommand(context(audit), { limit: 20 })).rejects.toThrow(/cannot be read/);
  });

  it('says when an environment has nothing yet', async () => {
    const reply = await historyCommand(context(createMemoryAuditLog({ clock })), {
      environment: 'blog-prod',
      limit: 20,
    });
    expect(JSON.stringify(reply.blocks)).toContain('Nothing in the audit log for blog-prod yet.');
  });
});
