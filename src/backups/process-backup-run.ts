import type { LifeboatDeps } from '../lifeboat-deps';
import type { BackupRunRequest } from '../ports/backup-runs';
import { advanceBackupRun } from './advance-backup-run';
import type { BackupRun } from './backup-run';
import type { BackupSettings } from './backup-settings';
import { beginBackupRun } from './begin-backup-run';
import { checkEnvironmentRpo, createRpoStores } from './check-environment-rpo';
import { finishBackupRun, type BackupRunSummary } from './finish-backup-run';
import { recordSkippedRun } from './record-skipped-run';

/** A backup job's data: what was asked, and once begun, the run's progress. */
export interface BackupRunJobData extends BackupRunRequest {
  run?: BackupRun;
}

export type BackupStepResult =
  | { kind: 'wait'; run: BackupRun; delayMs: number }
  | { kind: 'finished'; summary: BackupRunSummary }
  | { kind: 'skipped'; reason: string };

/**
 * One activation of a backup job: begins the run (or records why it is skipped), advances it by
 * one pass, and finishes it once every resource has settled. The caller persists `run` and
 * comes back after `delayMs`.
 */
export async function processBackupRun(
  deps: LifeboatDeps,
  input: { runId: string; tickId: string; data: BackupRunJobData; settings: BackupSettings },
): Promise<BackupStepResult> {
  const { data, settings } = input;
  // One set of stores for the whole activation: the run, its end and the RPO check after it.
  const stores = createRpoStores(deps, settings.floorMs);
  let run = data.run;
  if (!run) {
    const begun = await beginBackupRun(deps, {
      runId: input.runId,
      environment: data.environment,
      marker: stores.marker,
      isRunAlive: (runId) => deps.backupRuns.isAlive(runId),
    });
    if (begun.kind === 'skipped') {
      await recordSkippedRun(deps, {
        environment: data.environment,
        trigger: data.trigger,
        ...(data.requestedBy !== undefined ? { requestedBy: data.requestedBy } : {}),
        reason: begun.reason,
        tickId: input.tickId,
      });
      return begun;
    }
    run = begun.run;
  }
  const env = deps.config.current().environments[run.environment];
  const advanced = await advanceBackupRun(deps, {
    run,
    outcomes: stores.outcomes,
    settings,
    maxRunMs: settings.maxRunMs ?? env?.rpoMs ?? 24 * 3_600_000,
  });
  if (advanced.kind === 'wait') return advanced;
  const summary = await finishBackupRun(deps, {
    run: advanced.run,
    trigger: data.trigger,
    ...(data.requestedBy !== undefined ? { requestedBy: data.requestedBy } : {}),
    marker: stores.marker,
    durations: stores.durations,
    ...(settings.floorMs !== undefined ? { floorMs: settings.floorMs } : {}),
  });
  // Measured again at once: /dr status, /metrics and the alert state see the new copies now,
  // not at the monitor's next round. A failure here leaves it to that round.
  if (env) {
    await checkEnvironmentRpo(deps, env, stores).catch((error: unknown) =>
      deps.logger.warn({ environment: env.name, err: error }, 'RPO check after the run failed'),
    );
  }
  return { kind: 'finished', summary };
}
