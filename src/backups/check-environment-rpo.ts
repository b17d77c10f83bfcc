import { DateTime } from 'luxon';
import { isoNow } from '../clock';
import type { EnvironmentConfig } from '../config/config';
import { computeExposure, type ExposureStatus } from '../core/rpo-exposure';
import type { RecoveryPoint } from '../core/types';
import { asLifeboatError, ErrorCode } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { StoredExposure } from '../store/exposure-store';
import type { InFlightMarker } from '../store/in-flight-marker';
import type { JobOutcomes } from '../store/job-outcomes';
import type { ObservedDurations } from '../store/observed-durations';
import type { AlertTransition, RpoAlertState } from '../store/rpo-alert-state';
import { catchUpBackup } from './catch-up-backup';
import { explainExposure } from './explain-exposure';
import { planEnvironmentInterval } from './plan-environment-interval';

export interface RpoStores {
  durations: ObservedDurations;
  outcomes: JobOutcomes;
  alerts: RpoAlertState;
  marker: InFlightMarker;
  floorMs?: number;
}

/** The stores an RPO check reads and writes, from the ones built at the composition root. */
export function createRpoStores(deps: LifeboatDeps, floorMs?: number): RpoStores {
  return {
    durations: deps.backupDurations,
    outcomes: deps.jobOutcomes,
    alerts: deps.rpoAlerts,
    marker: deps.backupsInFlight,
    ...(floorMs !== undefined ? { floorMs } : {}),
  };
}

/**
 * Measures one environment's exposure at its protection region, stores it for status and
 * metrics, and announces a change: `rpo.alert` once when it breaches or is about to (or gets
 * worse), `rpo.recovered` once when it holds again. A dark protection region is measured from
 * the points last seen there and is at risk at best. An unprotected environment with a run in
 * flight is announced when the run has ended, not before.
 */
export async function checkEnvironmentRpo(
  deps: LifeboatDeps,
  env: EnvironmentConfig,
  stores: RpoStores,
): Promise<{ exposure: StoredExposure; transition: AlertTransition }> {
  const now = deps.clock.now();
  const state = await deps.environments.get(env.name);
  const region = state.protectionRegion;
  const vaultName = env.backup.vaults[region] ?? '';

  let points: RecoveryPoint[];
  let darkMessage: string | undefined;
  try {
    points = await deps.aws.backup.listRecoveryPoints(region, vaultName);
  } catch (thrown) {
    const error = asLifeboatError(thrown);
    if (!error.retryable) throw error;
    darkMessage =
      error.code === ErrorCode.AwsThrottled ? `throttled: ${error.message}` : error.message;
    points = await lastSeenPoints(deps, env.name);
  }

  const schedule = await deps.backupSchedules.get(env.name);
  const interval = await planEnvironmentInterval(env, stores.durations, stores.floorMs);
  const nextBackupAtMs = schedule?.nextMs;
  // A run in flight is the next backup: it lands one backup's duration from now at the latest
  // (pessimistic: it started earlier), whatever the scheduler's next tick.
  const runInFlight = (await stores.marker.holder(env.name)) !== undefined;
  const nextDueMs = runInFlight ? undefined : nextBackupAtMs;
  const exposure = computeExposure({
    environment: env,
    resources: state.resources,
    recoveryPoints: points,
    protectionRegion: region,
    now,
    ...(nextDueMs !== undefined
      ? { nextBackupDueAt: DateTime.fromMillis(nextDueMs, { zone: 'utc' }) }
      : {}),
    expectedBackupDurationMs: interval.expectedDurationMs,
  });
  const status: ExposureStatus =
    darkMessage !== undefined && exposure.status === 'ok' ? 'at-risk' : exposure.status;
  const explained =
    status === 'ok'
      ? undefined
      : explainExposure({
          exposure: { ...exposure, status },
          outcomes: await stores.outcomes.all(env.name),
          nowMs: now.toMillis(),
          ...(nextDueMs !== undefined ? { nextBackupAtMs: nextDueMs } : {}),
          ...(runInFlight ? { backupRunning: true } : {}),
          expectedBackupDurationMs: interval.expectedDurationMs,
          ...(darkMessage !== undefined ? { darkMessage } : {}),
        });
  const caughtUp =
    explained !== undefined &&
    (await catchUpBackup(deps, {
      environment: env.name,
      status,
      runInFlight,
      protectionRegionDark: darkMessage !== undefined,
      expectedBackupDurationMs: interval.expectedDurationMs,
      reason: explained,
    }));
  const reason = caughtUp ? `${explained}; a catch-up backup starts now` : explained;
  const stored: StoredExposure = {
    ...exposure,
    status,
    computedAt: isoNow(deps.clock),
    ...(nextBackupAtMs !== undefined
      ? { nextBackupAt: new Date(nextBackupAtMs).toISOString() }
      : {}),
    ...(schedule !== undefined ? { intervalMs: schedule.everyMs } : {}),
    expectedBackupDurationMs: interval.expectedDurationMs,
    ...(runInFlight || caughtUp ? { backupRunning: true } : {}),
    ...(darkMessage !== undefined ? { protectionRegionDark: true } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
  await deps.exposures.put(stored);

  // A resource with no point yet while a run is in flight: the run's end tells (its retries
  // included), rather than an alert that the run itself may answer in a moment.
  if (status === 'unprotected' && runInFlight) return { exposure: stored, transition: 'none' };
  // Ok only because a run in flight will land in time: the recovery is announced when its copies
  // have landed (its end measures again), not on a promise.
  if (status === 'ok' && runInFlight) return { exposure: stored, transition: 'none' };

  const transition = await stores.alerts.transition(env.name, status);
  if (transition === 'alert') {
    await deps.events.publish({
      type: 'rpo.alert',
      environment: env.name,
      status: status === 'ok' ? 'at-risk' : status,
      ...(stored.worstExposureMs !== undefined ? { exposureMs: stored.worstExposureMs } : {}),
      rpoTargetMs: env.rpoMs,
      ...(stored.worstResourceArn !== undefined ? { resourceArn: stored.worstResourceArn } : {}),
      reason: reason ?? status,
    });
    await deps.audit.append({
      type: 'alert',
      actor: 'lifeboat',
      at: stored.computedAt,
      environment: env.name,
      summary: `RPO ${status}: ${reason ?? ''}`,
      detail: {
        status,
        exposureMs: stored.worstExposureMs,
        rpoTargetMs: env.rpoMs,
        resourceArn: stored.worstResourceArn,
      },
    });
  } else if (transition === 'recovered') {
    await deps.events.publish({
      type: 'rpo.recovered',
      environment: env.name,
      exposureMs: stored.worstExposureMs ?? 0,
      rpoTargetMs: env.rpoMs,
    });
    await deps.audit.append({
      type: 'alert',
      actor: 'lifeboat',
      at: stored.computedAt,
      environment: env.name,
      summary: `RPO holds again for ${env.name}`,
      detail: { status, exposureMs: stored.worstExposureMs, rpoTargetMs: env.rpoMs },
    });
  }
  return { exposure: stored, transition };
}

/** The newest points the last measurement saw, when the region cannot be asked now. */
async function lastSeenPoints(deps: LifeboatDeps, environment: string): Promise<RecoveryPoint[]> {
  const previous = await deps.exposures.get(environment);
  return (previous?.perResource ?? []).flatMap((r) => (r.newestPoint ? [r.newestPoint] : []));
}
