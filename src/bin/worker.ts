/**
 * `npm run worker`: the job workers alone, for production (any number of processes, on any number
 * of machines, sharing one Redis): operations (failover, failback, drills) with their reconciler
 * and drill schedulers, scheduled backups and the RPO monitor, request expiry; their heartbeat, and
 * /healthz and /metrics on INTERNAL_HOST:INTERNAL_PORT for whoever probes the worker (its /healthz
 * needs its own heartbeat as well as Redis and every kind of worker). SIGTERM or SIGINT
 * closes them within a deadline; a job cut short stalls and another worker resumes it. A change
 * of DR_CONFIG (or SIGHUP) reloads it and re-plans the schedules; an invalid one is refused.
 */
import { startJobs } from '../../jobs';
import { createConfigReloader } from '../config-reloader';
import { createRuntime } from '../create-runtime';
import { operatorInput, startOperatorServer } from '../metrics/start-operator-server';
import { WORKER_NAMES } from '../store/worker-heartbeats';
import { runProcess } from '../run-process';
import { readSettings } from '../settings';

runProcess(
  async () => {
    const settings = readSettings();
    const runtime = await createRuntime(settings);
    const { deps, infra } = runtime;
    const workers = await startJobs(deps, infra);
    const operator = await startOperatorServer(operatorInput(runtime), {
      port: settings.internalPort,
      host: settings.internalHost,
      workers: WORKER_NAMES,
    });
    const reloader = createConfigReloader(deps, {
      source: runtime.configSource,
      path: settings.configPath,
      onReload: () => workers.reschedule(),
    });
    deps.logger.info({ prefix: infra.prefix }, 'workers started');
    return {
      async stop(signal) {
        deps.logger.info({ signal }, 'workers closing');
        reloader.stop();
        // The heartbeat goes first: /healthz says at once that this worker is leaving.
        await operator.close();
        await workers.close();
        await runtime.close();
      },
      force: () => infra.redis.disconnect(),
    };
  },
  { deadlineMs: 20_000 },
);
