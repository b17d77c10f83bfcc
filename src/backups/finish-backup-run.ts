import { isoNow } from '../clock';
import { formatDurationMs } from '../core/format-duration';
import { countNoun } from '../core/count-noun';
import type { LifeboatDeps } from '../lifeboat-deps';
import { QueueName } from '../queue/queue-names';
import type { InFlightMarker } from '../store/in-flight-marker';
import type { ObservedDurations } from '../store/observed-durations';
import { ResourceStep, type BackupRun } from './backup-run';
import { upsertBackupSchedule } from './upsert-backup-schedule';

export interface BackupRunSummary {
  runId: string;
  environment: string;
  outcome: 'succeeded' | 'failed';
  copied: number;
  failed: number;
  durationMs: number;
  message: string;
}

/**
 * Ends a run whose resources have all settled: a `backup.failed` event per resource given up, a
 * `backup.finished` event and an audit entry, the duration (for metrics and, when every copy
 * landed, for the schedule planner, which re-plans the interval), then frees the environment.
 * Safe to repeat after a crash: events are delivered at least once anyway.
 */
export async function finishBackupRun(
  deps: LifeboatDeps,
  input: {
    run: BackupRun;
    trigger: 'schedule' | 'manual';
    requestedBy?: string;
    marker: InFlightMarker;
    durations: ObservedDurations;
    floorMs?: number;
  },
): Promise<BackupRunSummary> {
  const { run, trigger, requestedBy } = input;
  const durationMs = Math.max(0, deps.clock.now().toMillis() - Date.parse(run.startedAt));
  const failures = run.resources.filter((r) => r.step === ResourceStep.Failed);
  const copied = run.resources.filter((r) => r.step === ResourceStep.Done).length;
  const outcome = failures.length === 0 ? 'succeeded' : 'failed';
  const took = formatDurationMs(durationMs);
  const message =
    outcome === 'succeeded'
      ? `${countNoun(copied, 'recovery point')} of ${run.environment} copied from ${run.activeRegion} to ${run.protectionRegion} in ${took}`
      : `${failures.length} of ${run.resources.length} resources of ${run.environment} not copied to ${run.protectionRegion}: ${failures
          .map((r) => `${r.resourceArn}: ${r.message ?? 'failed'}`)
          .join('; ')}`;

  for (const r of failures) {
    await deps.events.publish({
      type: 'backup.failed',
      environment: run.environment,
      resourceArn: r.resourceArn,
      kind: r.failedKind ?? 'backup',
      message: r.message ?? `${r.failedKind ?? 'backup'} failed`,
    });
  }
  await deps.events.publish({
    type: 'backup.finished',
    environment: run.environment,
    trigger,
    ...(requestedBy !== undefined ? { requestedBy } : {}),
    outcome,
    copied,
    failed: failures.length,
    message,
  });
  await deps.audit.append({
    type: 'backup',
    actor: requestedBy ?? 'lifeboat',
    at: isoNow(deps.clock),
    environment: run.environment,
    summary: `backup run ${outcome}: ${message}`,
    detail: {
      runId: run.runId,
      trigger,
      outcome,
      durationMs,
      activeRegion: run.activeRegion,
      protectionRegion: run.protectionRegion,
      resources: run.resources.map((r) => ({
        resourceArn: r.resourceArn,
        step: r.step,
        backupJobId: r.backupJobId,
        copyJobId: r.copyJobId,
        recoveryPointArn: r.destinationRecoveryPointArn,
        attempts: { backup: r.backupAttempt, copy: r.copyAttempt },
        message: r.message,
      })),
    },
  });

  await deps.counters.recordJobDuration(QueueName.Backups, durationMs / 1000);
  if (outcome === 'succeeded') await input.durations.record(run.environment, durationMs);
  await input.marker.release(run.environment, run.runId);

  const env = deps.config.current().environments[run.environment];
  if (env) {
    await upsertBackupSchedule(deps, env, input.durations, input.floorMs).catch((error: unknown) =>
      deps.logger.warn(
        { environment: run.environment, err: error },
        'could not re-plan the backup schedule',
      ),
    );
  }
  return {
    runId: run.runId,
    environment: run.environment,
    outcome,
    copied,
    failed: failures.length,
    durationMs,
    message,
  };
}
