/**
 * `npm run worker`: the job workers alone, for production (any number of processes, on any number
 * of machines, sharing one Redis): operations (failover, failback, drills) with their reconciler
 * and drill schedulers, scheduled backups and the RPO monitor, request expiry. SIGTERM or SIGINT
 * closes them within a deadline; a job cut short stalls and another worker resumes it.
 */
import { closeWithDeadline } from '../close-with-deadline';
import { createRuntime } from '../create-runtime';
import { asLifeboatError } from '../errors';
import { readSettings } from '../settings';
import { startWorkers } from '../start-workers';

const CLOSE_DEADLINE_MS = 20_000 as const;

async function main(): Promise<void> {
  const runtime = await createRuntime(readSettings());
  const { deps } = runtime;
  const workers = await startWorkers(deps);
  deps.logger.info({ prefix: deps.prefix }, 'workers started');

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.logger.info({ signal }, 'workers closing');
    const closed = await closeWithDeadline(
      () => workers.close(),
      CLOSE_DEADLINE_MS,
      () => deps.redis.disconnect(),
    );
    await runtime.close().catch(() => undefined);
    process.exit(closed ? 0 : 1);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${asLifeboatError(error).message}\n`);
  process.exit(1);
});
