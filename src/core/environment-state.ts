import type { DateTime } from 'luxon';
import type { EnvironmentConfig } from '../config/config';
import { toIso } from './to-iso';
import type { EnvironmentState, Operation, Plan } from './types';

/** Before any failover: running in the primary, backups copied to the recovery region. */
export function initialEnvironmentState(env: EnvironmentConfig, now: DateTime): EnvironmentState {
  return {
    environment: env.name,
    activeRegion: env.primaryRegion,
    protectionRegion: env.recoveryRegion,
    resources: Object.fromEntries(env.resources.map((r) => [r.arn, r.arn])),
    updatedAt: toIso(now),
  };
}

export interface AfterFailoverInput {
  state: EnvironmentState;
  environment: EnvironmentConfig;
  plan: Plan;
  /** Configured ARN → the ARN of the resource restored in the target region. */
  restoredArns: Readonly<Record<string, string>>;
  now: DateTime;
  isRegionUp: (region: string) => boolean;
}

/**
 * Traffic now runs in the plan's target region. Backups from there go to the region it left
 * when that is up (so a failback finds its data at home), else to the primary, else to another
 * allowed region that is up. When none is up, they go to the region it left, and the backups
 * fail loudly until it returns rather than silently going nowhere.
 */
export function afterFailover(input: AfterFailoverInput): EnvironmentState {
  const { state, environment: env, plan, now, isRegionUp } = input;
  const active = plan.toRegion;
  const candidates = [plan.fromRegion, env.primaryRegion, ...env.allowedRegions].filter(
    (r) => r !== active,
  );
  const protection = candidates.find(isRegionUp) ?? plan.fromRegion;
  return {
    ...state,
    activeRegion: active,
    protectionRegion: protection,
    resources: { ...state.resources, ...input.restoredArns },
    updatedAt: toIso(now),
  };
}

/**
 * Home again: running in the primary, backups to the recovery region. Resources restored at home
 * replace the configured ones where given; the others are the configured ARNs again.
 */
export function afterFailback(input: {
  state: EnvironmentState;
  environment: EnvironmentConfig;
  /** Configured ARN → the ARN of the resource restored at home. */
  restoredArns: Readonly<Record<string, string>>;
  now: DateTime;
}): EnvironmentState {
  const { state, environment, restoredArns, now } = input;
  const identity = Object.fromEntries(environment.resources.map((r) => [r.arn, r.arn]));
  return {
    ...state,
    activeRegion: environment.primaryRegion,
    protectionRegion: environment.recoveryRegion,
    resources: { ...identity, ...restoredArns },
    updatedAt: toIso(now),
  };
}

/** Remembers the latest drill (regions and resources do not change: a drill moves nothing). */
export function afterDrill(
  state: EnvironmentState,
  op: Operation,
  now: DateTime,
): EnvironmentState {
  return {
    ...state,
    lastDrill: {
      operationId: op.id,
      at: op.finishedAt ?? toIso(now),
      outcome: op.state,
      ...(op.outcome?.rtoMs !== undefined ? { rtoMs: op.outcome.rtoMs } : {}),
      ...(op.outcome?.worstDataLossMs !== undefined
        ? { worstDataLossMs: op.outcome.worstDataLossMs }
        : {}),
    },
    updatedAt: toIso(now),
  };
}
