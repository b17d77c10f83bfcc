import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSchedulerId } from '../src/queue/scheduler-ids';
import { syncBackupSchedules } from '../src/backups/sync-backup-schedules';
import { createConfigSource } from '../src/config/config-source';
import { createConfigReloader, type ConfigReloader } from '../src/config-reloader';
import type { LifeboatEvent } from '../src/events/lifeboat-event';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { eventMessage } from '../src/slack/blocks/event-message';
import { eventually } from './support/eventually';
import { createHarness, SANDBOX_CONFIG_PATH, type Harness } from './support/harness';

const SANDBOX_YAML = readFileSync(SANDBOX_CONFIG_PATH, 'utf8');

describe('DR_CONFIG changed while Lifeboat runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-config-'));
  const path = join(dir, 'dr.config.yaml');
  let h: Harness;
  const reloaders: ConfigReloader[] = [];

  beforeEach(async () => {
    writeFileSync(path, SANDBOX_YAML);
    h = await createHarness({ name: 'config-reload', configYaml: SANDBOX_YAML });
  });
  afterEach(async () => {
    for (const r of reloaders.splice(0)) r.stop();
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const events = async () =>
    (await h.infra.redis.xrange(h.infra.keys.events, '-', '+')).map(
      ([, fields]) => JSON.parse(fields[1] ?? '{}') as LifeboatEvent,
    );
  const schedule = (deps: LifeboatDeps) => syncBackupSchedules(deps, deps.backupDurations);

  it('keeps the last good configuration when the new file is broken, and says why once', async () => {
    const reloader = createConfigReloader(h.deps, {
      source: h.configSource,
      path,
      intervalMs: 0,
      sighup: false,
    });
    reloaders.push(reloader);
    const before = h.deps.config.current().version;
    writeFileSync(path, SANDBOX_YAML.replace('rpo: 24h', 'rpo: "a day"'));

    const outcome = await reloader.reload();
    expect(outcome.outcome).toBe('rejected');
    await reloader.reload();

    expect(h.deps.config.current().version).toBe(before);
    const rejected = (await events()).filter((e) => e.type === 'config.rejected');
    expect(rejected).toHaveLength(1);
    const text = eventMessage(rejected[0] as LifeboatEvent) ?? '';
    expect(text).toContain(`keeps version ${before}`);
    expect(text).toContain('environments.intranet-prod.rpo');
  });

  it('puts a valid new version in force, re-plans the schedules, and announces it once', async () => {
    await schedule(h.deps);
    const before = h.deps.config.current().version;
    // Two processes (a bot and a worker) watch the same file, each with its own deps.
    const sources = {
      bot: createConfigSource(h.deps.config.current()),
      worker: createConfigSource(h.deps.config.current()),
    };
    const bot = { ...h.deps, config: sources.bot };
    const worker = { ...h.deps, config: sources.worker };
    const reloaded: string[] = [];
    for (const [who, deps] of [
      ['bot', bot],
      ['worker', worker],
    ] as const) {
      reloaders.push(
        createConfigReloader(deps, {
          source: sources[who],
          path,
          intervalMs: 50,
          sighup: false,
          onReload: async (config) => {
            expect(config.environments['intranet-prod']).toBeUndefined();
            if (who === 'worker') await schedule(deps);
            reloaded.push(who);
          },
        }),
      );
    }
    const withoutIntranet = SANDBOX_YAML.slice(0, SANDBOX_YAML.indexOf('  intranet-prod:'));
    writeFileSync(path, withoutIntranet);

    await eventually(() => (reloaded.length === 2 ? true : undefined), {
      what: 'both processes to see the change',
    });
    for (const deps of [bot, worker]) {
      expect(deps.config.current().version).not.toBe(before);
      expect(Object.keys(deps.config.current().environments)).toEqual([
        'shop-prod',
        'payments-prod',
      ]);
    }
    expect(await h.infra.queues.backups.getJobScheduler(backupSchedulerId('intranet-prod'))).toBe(
      undefined,
    );
    expect(
      await h.infra.queues.backups.getJobScheduler(backupSchedulerId('shop-prod')),
    ).toBeDefined();
    const announced = (await events()).filter((e) => e.type === 'config.reloaded');
    expect(announced).toHaveLength(1);
    expect(eventMessage(announced[0] as LifeboatEvent)).toContain('do not start');
    const audit = await h.deps.audit.read();
    expect(audit.filter((e) => e.type === 'config')).toHaveLength(1);
  });
});
