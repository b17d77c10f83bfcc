/**
 * A worker process for tests: builds the dependencies from the environment as `npm run worker`
 * does, starts the backup workers and closes them on SIGTERM. BACKUP_LOCK_MS,
 * BACKUP_STALLED_MS and BACKUP_MONITOR_EVERY_MS shorten BullMQ's timings so a killed worker's
 * job is resumed within a test's time.
 */
import { startJobs } from '../../jobs';
import { createRuntime } from '../../src/create-runtime';
import { readSettings } from '../../src/settings';

const optionalInt = (name: string): number | undefined => {
  const value = process.env[name];
  return value ? Number(value) : undefined;
};

async function main(): Promise<void> {
  const runtime = await createRuntime(readSettings(process.env));
  const lockDurationMs = optionalInt('BACKUP_LOCK_MS');
  const stalledIntervalMs = optionalInt('BACKUP_STALLED_MS');
  const monitorEveryMs = optionalInt('BACKUP_MONITOR_EVERY_MS');
  const workers = await startJobs(runtime.deps, runtime.infra, {
    sides: ['backups'],
    backups: {
      ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
      ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
      ...(monitorEveryMs !== undefined ? { monitorEveryMs } : {}),
    },
  });
  process.stdout.write('backup workers ready\n');
  process.once('SIGTERM', () => {
    void workers
      .close()
      .then(() => runtime.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
