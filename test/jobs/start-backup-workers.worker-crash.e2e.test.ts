import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJobs } from '../../jobs';
import { eventually } from '../support/eventually';
import { createHarness, type Harness } from '../support/harness';
import {
  backupConfigYaml,
  emulatedState,
  ORDERS,
  publishedEvents,
  SHOP_DB,
  WIKI,
} from '../backups/support/backup-fixtures';

const ROOT = join(__dirname, '../..');
const LOCK_MS = 1_000;
const STALLED_MS = 500;

function startWorkerProcess(h: Harness, configPath: string): ChildProcess {
  // node itself (tsx as a loader), so that SIGKILL hits the worker, not a wrapper around it.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/backup-worker-process.ts'],
    {
      cwd: ROOT,
      env: h.childEnv({
        DR_CONFIG: configPath,
        BACKUP_LOCK_MS: String(LOCK_MS),
        BACKUP_STALLED_MS: String(STALLED_MS),
        LOG_LEVEL: 'silent',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

describe('a worker killed mid-run', () => {
  let h: Harness;
  let child: ChildProcess | undefined;
  let workers: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    h = await createHarness({
      configYaml: backupConfigYaml(),
      jobMs: 1_500,
      pollMs: 50,
      name: 'bk-kill',
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await workers?.close();
    await h.close();
  });

  it('is resumed by another worker without a second AWS job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bk-'));
    const configPath = join(dir, 'dr.config.yaml');
    writeFileSync(configPath, backupConfigYaml());
    // Slow calls keep the jobs active (mid-step) nearly all the time, so the kill strands them.
    await h.control('POST', '/_sandbox/faults', { latencyMs: 1_000 });

    child = startWorkerProcess(h, configPath);
    await eventually(
      async () => {
        const state = await emulatedState(h);
        return state.backupJobs.length === 3 &&
          state.backupJobs.every((j) => j.state !== 'COMPLETED')
          ? true
          : undefined;
      },
      { timeoutMs: 30_000, everyMs: 10, what: 'the first worker started every backup job' },
    );
    // Into the next poll: the worker is waiting on DescribeBackupJob, its jobs active.
    await eventually(
      async () => {
        const { json } = await h.control('GET', '/_sandbox/calls?operation=DescribeBackupJob');
        return (json as { calls: unknown[] }).calls.length > 0 ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the first worker polling its backup jobs' },
    );
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    workers = await startJobs(h.deps, h.infra, {
      sides: ['backups'],
      backups: {
        lockDurationMs: LOCK_MS,
        stalledIntervalMs: STALLED_MS,
        monitorEveryMs: 60_000,
        closeTimeoutMs: 2_000,
      },
    });
    const finished = await eventually(
      async () => {
        const events = (await publishedEvents(h.infra.redis, h.infra.keys.events)).filter(
          (e) => e.type === 'backup.finished',
        );
        return events.length >= 2 ? events : undefined;
      },
      { timeoutMs: 20_000, what: 'both runs finished by the second worker' },
    );
    console.log(`resumed and finished ${Date.now() - killedAt} ms after the kill`);
    expect(finished.map((e) => e.type === 'backup.finished' && e.outcome)).toEqual([
      'succeeded',
      'succeeded',
    ]);

    // The kill left jobs active: BullMQ found them stalled and another worker took them over.
    const queueEvents = await h.infra.redis.xrange(`${h.prefix}:backups:events`, '-', '+');
    const stalled = queueEvents.filter(([, fields]) => fields[1] === 'stalled');
    expect(stalled.length).toBeGreaterThanOrEqual(1);

    const state = await emulatedState(h);
    for (const arn of [SHOP_DB, ORDERS, WIKI]) {
      expect(state.backupJobs.filter((j) => j.resourceArn === arn)).toHaveLength(1);
      expect(state.copyJobs.filter((j) => j.resourceArn === arn)).toHaveLength(1);
    }
    expect(state.copyJobs.every((j) => j.state === 'COMPLETED')).toBe(true);
  });
});
