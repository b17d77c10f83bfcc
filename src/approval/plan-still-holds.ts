import { DateTime } from 'luxon';
import { buildPlan } from '../core/build-plan';
import { planFingerprint } from '../core/plan-fingerprint';
import type { Operation, RecoveryPoint } from '../core/types';
import type { Config } from '../config/config';
import type { LifeboatDeps } from '../lifeboat-deps';

export type PlanCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether the plan an approver sees is still what would run: rebuilt from the configuration and
 * the environment's state now, with the recovery points the plan named, it must have the same
 * fingerprint. An approval binds to that fingerprint; the executor checks it again at start.
 */
export async function planStillHolds(
  deps: LifeboatDeps,
  op: Operation,
  config: Config = deps.config.current(),
): Promise<PlanCheck> {
  const { plan } = op;
  const env = config.environments[op.environment];
  if (!env) {
    return { ok: false, message: `${op.environment} is no longer in the configuration` };
  }
  if (plan.configVersion !== config.version) {
    return {
      ok: false,
      message: `the configuration changed since ${op.id} was requested (version ${plan.configVersion} → ${config.version})`,
    };
  }
  const state = await deps.environments.get(op.environment);
  const points: RecoveryPoint[] = plan.resources.flatMap((r) =>
    r.recoveryPointArn && r.recoveryPointCreatedAt
      ? [
          {
            recoveryPointArn: r.recoveryPointArn,
            resourceArn: r.sourceArn,
            resourceType: r.resourceType,
            region: plan.toRegion,
            vaultName: env.backup.vaults[plan.toRegion] ?? '',
            createdAt: r.recoveryPointCreatedAt,
            status: 'COMPLETED' as const,
          },
        ]
      : [],
  );
  const rebuilt = buildPlan({
    kind: op.kind,
    environment: env,
    state,
    toRegion: plan.toRegion,
    planned: plan.planned,
    recoveryPoints: points,
    requestedAt: DateTime.fromISO(op.requestedAt, { zone: 'utc' }),
    configVersion: config.version,
  });
  if (!rebuilt.ok) {
    return { ok: false, message: `the plan no longer holds: ${rebuilt.problems.join('; ')}` };
  }
  if (planFingerprint(rebuilt.plan) !== plan.fingerprint) {
    const moved =
      state.activeRegion !== plan.fromRegion
        ? `${op.environment} now runs in ${state.activeRegion}, not ${plan.fromRegion}`
        : `the resources or DNS records of ${op.environment} changed`;
    return { ok: false, message: `the plan no longer matches: ${moved}` };
  }
  return { ok: true };
}
