/**
 * `npm run worker`: the job workers alone, for production (any number of processes, on any number
 * of machines, sharing one Redis): operations (failover, failback, drills) with their reconciler
 * and drill schedulers, scheduled backups and the RPO monitor, request expiry. SIGTERM or SIGINT
 * closes them within a deadline; a job cut short stalls and another worker resumes it. A change
 * of DR_CONFIG (or SIGHUP) reloads it and re-plans the schedules; an invalid one is refused.
 */
import { startJobs } from '../../jobs';
import { createConfigReloader } from '../config-reloader';
import { createRuntime } from '../create-runtime';
import { runProcess } from '../run-process';
import { readSettings } from '../settings';

runProcess(
  async () => {
    const settings = readSettings();
    const runtime = await createRuntime(settings);
    const { deps, infra } = runtime;
    const workers = await startJobs(deps, infra);
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
        await workers.close();
        await runtime.close();
      },
      force: () => infra.redis.disconnect(),
    };
  },
  { deadlineMs: 20_000 },
);
