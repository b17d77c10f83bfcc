import type { DateTime } from 'luxon';
import type { EnvironmentConfig } from '../config/config';
import { newestRecoveryPoint } from './newest-recovery-point';
import { ownValue } from './own-value';
import { planFingerprint } from './plan-fingerprint';
import { toIso } from './to-iso';
import type {
  DnsChange,
  EnvironmentState,
  OperationKind,
  Plan,
  PlannedResource,
  RecoveryPoint,
} from './types';

export interface BuildPlanInput {
  kind: OperationKind;
  environment: EnvironmentConfig;
  state: EnvironmentState;
  /** Failover: where to (default below). Failback: must be the primary region if given. */
  toRegion?: string;
  /** A planned failover takes a final backup and copy first, so it loses minutes, not hours. */
  planned: boolean;
  /** The recovery points of the target region's vault (others are ignored). */
  recoveryPoints: readonly RecoveryPoint[];
  requestedAt: DateTime;
  configVersion: string;
}

export type BuildPlanResult = { ok: true; plan: Plan } | { ok: false; problems: string[] };

/**
 * What a failover, failback, drill or backup will do, or every reason it cannot.
 *
 * - failover: from the active region to `toRegion`, which must be one of `allowedRegions`.
 *   Default: the recovery region while running in the primary; after a failover, the protection
 *   region if it is an allowed region, else the first other allowed region (going home is a
 *   failback). Unplanned, every resource needs a completed point in the target vault.
 * - failback: from a non-primary active region home to the primary. Always planned: it takes a
 *   final backup and copy to home first, so missing points are fine.
 * - drill: restores in the protection region (or an allowed `toRegion`) from its vault, moves
 *   no DNS; every resource needs a point, since a drill does not take one.
 * - backup: from the active region to the protection region; no DNS, no points needed.
 *
 * For each resource, the newest COMPLETED point of the ARN serving now (the configured ARN
 * before any failover); its data loss is requestedAt − the point's creation time.
 */
export function buildPlan(input: BuildPlanInput): BuildPlanResult {
  const { environment: env, state, kind } = input;
  const problems: string[] = [];
  const from = state.activeRegion;
  const to = targetRegion(input, problems);
  if (to === undefined) return { ok: false, problems };

  const planned = kind === 'failback' || kind === 'backup' || input.planned;
  const pointsRequired = kind === 'drill' || (kind === 'failover' && !planned);
  const requestedAtMs = input.requestedAt.toMillis();

  const missing: string[] = [];
  const resources: PlannedResource[] = env.resources.map((resource) => {
    const sourceArn = ownValue(state.resources, resource.arn) ?? resource.arn;
    const base = { resourceArn: resource.arn, resourceType: resource.resourceType, sourceArn };
    if (kind === 'backup') return base;
    const point = newestRecoveryPoint(input.recoveryPoints, [sourceArn], to);
    if (!point) {
      if (pointsRequired) missing.push(`${resource.resourceType} ${resource.name}`);
      return base;
    }
    return {
      ...base,
      recoveryPointArn: point.recoveryPointArn,
      recoveryPointCreatedAt: point.createdAt,
      dataLossMs: Math.max(0, requestedAtMs - Date.parse(point.createdAt)),
    };
  });

  if (missing.length > 0) problems.push(missingPoints(input, to, missing));

  const movesDns = kind === 'failover' || kind === 'failback';
  const dnsChanges: DnsChange[] = [];
  const healthChecks: string[] = [];
  if (movesDns) {
    for (const record of env.dns.records) {
      const fromValue = ownValue(record.values, from);
      const toValue = ownValue(record.values, to);
      if (fromValue === undefined || toValue === undefined) {
        const missing = [
          fromValue === undefined ? from : undefined,
          toValue === undefined ? to : undefined,
        ]
          .filter(Boolean)
          .join(' and ');
        problems.push(
          `DNS record ${record.name} has no value for ${missing}; add it to dns.records`,
        );
        continue;
      }
      dnsChanges.push({
        name: record.name,
        type: record.type,
        ttl: record.ttl,
        from: fromValue,
        to: toValue,
      });
    }
    const healthCheck = ownValue(env.dns.healthChecks, to);
    if (healthCheck === undefined)
      problems.push(`there is no health check for ${to}; add it to dns.healthChecks`);
    else healthChecks.push(healthCheck);
  }

  if (problems.length > 0) return { ok: false, problems };
  const withoutFingerprint: Omit<Plan, 'fingerprint'> = {
    kind,
    environment: env.name,
    fromRegion: from,
    toRegion: to,
    planned,
    configVersion: input.configVersion,
    resources,
    dnsChanges,
    hostedZoneId: env.dns.hostedZoneId,
    healthChecks,
    rpoTargetMs: env.rpoMs,
    rtoTargetMs: env.rtoMs,
    rtoDeadline: toIso(input.requestedAt.plus({ milliseconds: env.rtoMs })),
  };
  return {
    ok: true,
    plan: { ...withoutFingerprint, fingerprint: planFingerprint(withoutFingerprint) },
  };
}

/**
 * One problem for every resource without a copy in the target vault, with the way out that
 * works: `/dr backup` only when backups copy to that region (the protection region), a planned
 * failover while the active region is up (its final backup is copied to the target first).
 */
function missingPoints(input: BuildPlanInput, to: string, missing: string[]): string {
  const { environment: env, state, kind } = input;
  const where = `${to} (vault ${ownValue(env.backup.vaults, to) ?? '?'})`;
  const ways = [
    ...(to === state.protectionRegion ? [`run /dr backup ${env.name} first`] : []),
    ...(kind === 'failover' ? [`fail over with --planned while ${state.activeRegion} is up`] : []),
    ...(to !== state.protectionRegion && kind === 'failover'
      ? [`fail over to ${state.protectionRegion}, where the backups are copied`]
      : []),
  ];
  return `no completed recovery point in ${where} for ${missing.join(', ')}${ways.length > 0 ? `; ${ways.join(', or ')}` : ''}`;
}

function targetRegion(input: BuildPlanInput, problems: string[]): string | undefined {
  const { environment: env, state, kind, toRegion } = input;
  const from = state.activeRegion;
  const allowed = env.allowedRegions;
  const home = env.primaryRegion;
  const choices = `choose one of ${allowed.join(', ')}`;

  switch (kind) {
    case 'failover': {
      const to = toRegion ?? defaultFailoverRegion(env, state);
      if (to === undefined) {
        problems.push(
          `${env.name} runs in ${from}, its only allowed region besides ${home}; to go home use /dr failback ${env.name}`,
        );
        return undefined;
      }
      if (to === home) {
        problems.push(
          `${to} is the primary region of ${env.name}; to go home use /dr failback ${env.name}`,
        );
        return undefined;
      }
      if (!allowed.includes(to)) {
        problems.push(`${to} is not an allowed region for ${env.name}; ${choices}`);
        return undefined;
      }
      if (to === from) {
        problems.push(`${env.name} already runs in ${to}; ${choices} other than ${from}`);
        return undefined;
      }
      return to;
    }
    case 'failback': {
      if (from === home) {
        problems.push(
          `${env.name} already runs in its primary region ${home}; there is nothing to fail back`,
        );
        return undefined;
      }
      if (toRegion !== undefined && toRegion !== home) {
        problems.push(
          `a failback goes to the primary region ${home}, not ${toRegion}; use /dr failover --to ${toRegion}`,
        );
        return undefined;
      }
      return home;
    }
    case 'drill':
    case 'backup': {
      const to = toRegion ?? state.protectionRegion;
      if (to === from) {
        problems.push(`${env.name} runs in ${to}; a ${kind} needs another region, ${choices}`);
        return undefined;
      }
      if (to !== home && !allowed.includes(to)) {
        problems.push(`${to} is not an allowed region for ${env.name}; ${choices}`);
        return undefined;
      }
      return to;
    }
  }
}

/** Recovery region from the primary; otherwise the protection region or another allowed one. */
export function defaultFailoverRegion(
  env: EnvironmentConfig,
  state: EnvironmentState,
): string | undefined {
  const from = state.activeRegion;
  if (from === env.primaryRegion) return env.recoveryRegion;
  if (state.protectionRegion !== from && env.allowedRegions.includes(state.protectionRegion)) {
    return state.protectionRegion;
  }
  return env.allowedRegions.find((r) => r !== from);
}
