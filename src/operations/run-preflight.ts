import { DateTime } from 'luxon';
import { approvalsStillHold } from '../approval/approvals-still-hold';
import { buildPlan } from '../core/build-plan';
import type { ApprovalRecount } from '../core/approval-policy';
import { countNoun } from '../core/count-noun';
import { transition } from '../core/operation-machine';
import { toIso } from '../core/to-iso';
import type { Operation } from '../core/types';
import { withProgress, withResourceProgress } from './operation-progress';
import type { StepContext } from './step-context';
import { done, fail, type StepResult } from './step-result';

/** How long a passed recount is remembered as audited, so a preflight that polls writes it once. */
const RECOUNT_REMEMBERED_MS = 90 * 24 * 3_600_000;

export const CONFIG_CHANGED =
  'the configuration changed since this was approved; request it again' as const;

/**
 * Starts the operation and checks, before anything is touched, that it may act: the environment's
 * lock is held by this operation, its approvals still hold (counted again against the
 * configuration in force: distinct approvers other than the requester, each still authorised
 * now, as many as it needs; see approvalsStillHold), the target region is allowed, the approval
 * still binds (the plan rebuilt from the current configuration and environment state has the
 * approved fingerprint),
 * every resource has a completed recovery point in the target vault where one is needed, and for
 * a planned move the active region is healthy. Calls only the target region and Route 53.
 * Unplanned moves and drills pin the recovery point of each resource here.
 */
export async function runPreflight(ctx: StepContext): Promise<StepResult> {
  const { deps, env } = ctx;
  const started = await ctx.save((op) => {
    const result = transition(op, { type: 'start' }, ctx.now());
    return result.ok && result.op !== op ? result.op : undefined;
  });
  if (started.state !== 'running') return fail(`${started.id} is ${started.state}; it cannot run`);
  const { plan } = started;

  const holder = await deps.locks.holder(env.name);
  if (holder !== started.id) {
    return fail(
      `the lock of ${env.name} is ${holder ? `held by ${holder}` : 'not held'}, not by ${started.id}; request it again`,
    );
  }
  // Before any AWS call: the stored state `approved` alone does not make an operation run.
  const recount = await approvalsStillHold(deps, started);
  await auditRecount(ctx, started, recount);
  if (!recount.ok) {
    return fail(`${recount.message}. Nothing was touched; request it again and have it approved`);
  }
  const approvals = recount.message;
  const allowed =
    plan.kind === 'failback'
      ? plan.toRegion === env.primaryRegion
      : env.allowedRegions.includes(plan.toRegion) ||
        (plan.kind === 'drill' && plan.toRegion === env.primaryRegion);
  if (!allowed) return fail(`${plan.toRegion} is not an allowed region for ${env.name}`);

  const vault = env.backup.vaults[plan.toRegion];
  if (vault === undefined) return fail(`there is no backup vault for ${plan.toRegion}`);
  const state = await deps.environments.get(env.name);
  const points = await deps.aws.backup.listRecoveryPoints(plan.toRegion, vault);
  const rebuilt = buildPlan({
    kind: plan.kind,
    environment: env,
    state,
    toRegion: plan.toRegion,
    planned: plan.planned,
    recoveryPoints: points,
    requestedAt: DateTime.fromISO(started.requestedAt, { zone: 'utc' }),
    configVersion: deps.config.current().version,
  });
  if (!rebuilt.ok) return fail(rebuilt.problems.join('; '));
  if (rebuilt.plan.fingerprint !== plan.fingerprint) return fail(CONFIG_CHANGED);

  if (plan.planned || plan.kind === 'failback') {
    const check = env.dns.healthChecks[plan.fromRegion];
    const health = check ? await deps.aws.health.getHealthCheckStatus(check) : undefined;
    if (health && !health.healthy) {
      return fail(
        `${plan.fromRegion} is not healthy (${health.detail}); a planned move needs it up: request an unplanned failover`,
      );
    }
    return done(`checks passed (${approvals}); a final backup in ${plan.fromRegion} comes first`);
  }

  await ctx.save((op) =>
    rebuilt.plan.resources.reduce<Operation>(
      (next, resource) =>
        resource.recoveryPointArn === undefined
          ? next
          : withResourceProgress(next, resource.resourceArn, {
              recoveryPointArn: resource.recoveryPointArn,
              ...(resource.recoveryPointCreatedAt !== undefined
                ? { recoveryPointCreatedAt: resource.recoveryPointCreatedAt }
                : {}),
            }),
      withProgress(op, {}),
    ),
  );
  return done(
    `checks passed (${approvals}); restoring ${countNoun(rebuilt.plan.resources.length, 'resource')} in ${plan.toRegion}`,
  );
}

/** The recount in the audit log: a failure each time (it ends the operation), a pass once. */
async function auditRecount(
  ctx: StepContext,
  op: Operation,
  recount: ApprovalRecount,
): Promise<void> {
  const { deps } = ctx;
  if (
    recount.ok &&
    !(await deps.once.claim(`approvals-recounted:${op.id}`, RECOUNT_REMEMBERED_MS))
  ) {
    return;
  }
  await deps.audit.append({
    type: 'approval.recount',
    actor: 'lifeboat',
    at: toIso(ctx.now()),
    environment: op.environment,
    operationId: op.id,
    summary: `${op.id} ${recount.ok ? 'may run' : 'stopped before anything was touched'}: ${recount.message.replace(/<@(\w+)>/g, '$1')}`,
    detail: {
      ok: recount.ok,
      counted: recount.counted,
      needed: recount.needed,
      configVersion: deps.config.current().version,
    },
  });
}
