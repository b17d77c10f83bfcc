/**
 * A worker process for crash tests: the operations workers, built from the environment like
 * `npm run worker` (REDIS_URL, DR_PREFIX, DR_CONFIG, AWS_ENDPOINT_URL, DR_POLL_MS), with short
 * BullMQ locks (DR_TEST_LOCK_MS, DR_TEST_STALLED_MS). DR_TEST_CRASH_AT=<step>:<phase> kills the
 * process with SIGKILL the first time it reaches that checkpoint; only this test entry honours it.
 */
import { startJobs } from '../../jobs';
import { createRuntime } from '../../src/create-runtime';
import { readSettings } from '../../src/settings';

async function main(): Promise<void> {
  const runtime = await createRuntime(readSettings(process.env));
  const crashAt = process.env.DR_TEST_CRASH_AT;
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const workers = await startJobs(runtime.deps, runtime.infra, {
    sides: ['operations'],
    operations: {
      lockDurationMs: number('DR_TEST_LOCK_MS', 1_000),
      stalledIntervalMs: number('DR_TEST_STALLED_MS', 500),
      reconcileEveryMs: number('DR_TEST_RECONCILE_MS', 1_000),
      healthTimeoutMs: number('DR_TEST_HEALTH_TIMEOUT_MS', 5_000),
      ...(crashAt
        ? {
            checkpoint: (step: string, phase: string) => {
              if (`${step}:${phase}` === crashAt) process.kill(process.pid, 'SIGKILL');
            },
          }
        : {}),
    },
  });
  process.stdout.write('ready\n');
  const stop = async () => {
    await workers.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
