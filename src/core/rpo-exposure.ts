import type { DateTime } from 'luxon';
import type { EnvironmentConfig } from '../config/config';
import { formatDurationMs } from './format-duration';
import { newestRecoveryPoint } from './newest-recovery-point';
import type { RecoveryPoint } from './types';

export const ExposureStatus = {
  Ok: 'ok',
  AtRisk: 'at-risk',
  Breached: 'breached',
  Unprotected: 'unprotected',
} as const;
export type ExposureStatus = (typeof ExposureStatus)[keyof typeof ExposureStatus];

export interface ResourceExposure {
  /** The configured ARN. */
  resourceArn: string;
  /** The ARN serving now. */
  currentArn: string;
  newestPoint?: RecoveryPoint;
  /** now − the newest point's creation time: the data a failover now would lose. */
  exposureMs?: number;
  status: ExposureStatus;
}

export interface Exposure {
  environment: string;
  /** The protection region whose vault was looked at. */
  region: string;
  perResource: ResourceExposure[];
  /** The largest exposure among resources that have a point; undefined when none has. */
  worstExposureMs?: number;
  status: ExposureStatus;
  rpoTargetMs: number;
  /** An unprotected resource when there is one, else the one with the largest exposure. */
  worstResourceArn?: string;
}

export interface ComputeExposureInput {
  environment: EnvironmentConfig;
  /** Configured ARN → ARN serving now (EnvironmentState.resources); default: identity. */
  resources?: Readonly<Record<string, string>>;
  /** The recovery points of the protection region's vault. */
  recoveryPoints: readonly RecoveryPoint[];
  /** Only points in this region count; default: the environment's recovery region. */
  protectionRegion?: string;
  now: DateTime;
  /** When the next backup starts; undefined or past: it is due now. */
  nextBackupDueAt?: DateTime;
  /** How long a backup and its copy take; default 0. */
  expectedBackupDurationMs?: number;
}

/**
 * RPO exposure at the protection region: the age of the data in the newest COMPLETED point of
 * each resource (a copy keeps its source's creation date; a queued copy is not a point).
 *
 * - breached: exposure > target.
 * - at-risk: not breached, but by the time the next backup can complete (its due time, or now
 *   when due, plus the expected duration) the exposure would exceed the target.
 * - unprotected: no completed point at all. The environment takes its worst resource's status,
 *   unprotected being the worst.
 */
export function computeExposure(input: ComputeExposureInput): Exposure {
  const { environment: env, now } = input;
  const region = input.protectionRegion ?? env.recoveryRegion;
  const target = env.rpoMs;
  const nowMs = now.toMillis();
  const dueMs = Math.max(nowMs, input.nextBackupDueAt?.toMillis() ?? nowMs);
  const nextCompletionMs = dueMs + Math.max(0, input.expectedBackupDurationMs ?? 0);

  const perResource = env.resources.map((resource): ResourceExposure => {
    const currentArn = input.resources?.[resource.arn] ?? resource.arn;
    const newestPoint = newestRecoveryPoint(
      input.recoveryPoints,
      [currentArn, resource.arn],
      region,
    );
    if (!newestPoint) return { resourceArn: resource.arn, currentArn, status: 'unprotected' };
    const createdMs = Date.parse(newestPoint.createdAt);
    const exposureMs = Math.max(0, nowMs - createdMs);
    const status: ExposureStatus =
      exposureMs > target ? 'breached' : nextCompletionMs - createdMs > target ? 'at-risk' : 'ok';
    return { resourceArn: resource.arn, currentArn, newestPoint, exposureMs, status };
  });

  const status = worstStatus(perResource.map((r) => r.status));
  const unprotected = perResource.find((r) => r.status === 'unprotected');
  const worst = perResource.reduce<ResourceExposure | undefined>(
    (acc, r) =>
      r.exposureMs !== undefined && (acc?.exposureMs === undefined || r.exposureMs > acc.exposureMs)
        ? r
        : acc,
    undefined,
  );
  const worstResourceArn = unprotected?.resourceArn ?? worst?.resourceArn;
  return {
    environment: env.name,
    region,
    perResource,
    ...(worst?.exposureMs !== undefined ? { worstExposureMs: worst.exposureMs } : {}),
    status,
    rpoTargetMs: target,
    ...(worstResourceArn !== undefined ? { worstResourceArn } : {}),
  };
}

const SEVERITY: Record<ExposureStatus, number> = {
  ok: 0,
  'at-risk': 1,
  breached: 2,
  unprotected: 3,
};

/** The most severe of several statuses (ok when there are none). */
export function worstStatus(statuses: readonly ExposureStatus[]): ExposureStatus {
  return statuses.reduce<ExposureStatus>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'ok');
}

/** `shop-prod: 1h 20m of 4h (ok)` or `shop-prod: unprotected (no recovery point of db:shop in eu-central-1)`. */
export function formatExposure(exposure: Exposure): string {
  const target = formatDurationMs(exposure.rpoTargetMs);
  if (exposure.status === 'unprotected') {
    return `${exposure.environment}: unprotected (no recovery point of ${exposure.worstResourceArn ?? '?'} in ${exposure.region}; RPO ${target})`;
  }
  return `${exposure.environment}: ${formatDurationMs(exposure.worstExposureMs ?? 0)} of ${target} (${exposure.status})`;
}
