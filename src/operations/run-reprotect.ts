import { afterFailback, afterFailover } from '../core/environment-state';
import type { Operation } from '../core/types';
import { finishOperation } from './finish-operation';
import { measureOutcome } from './measure-outcome';
import { progressOf } from './operation-progress';
import { OperationStep } from './operation-step';
import { probeRegionHealth } from './probe-region-health';
import type { StepContext } from './step-context';

/**
 * The end of a failover or failback: the environment now runs in the target region on the
 * restored resources; its backups go to the region it left when that is up (failover), or back to
 * the recovery region (failback). Then the operation succeeds with its RTO and data loss.
 */
export async function runReprotect(ctx: StepContext): Promise<Operation> {
  const { deps, env } = ctx;
  const { plan } = ctx.op;
  const restoredArns = Object.fromEntries(
    Object.entries(progressOf(ctx.op).resources).flatMap(([arn, p]) =>
      p.restoredArn === undefined ? [] : [[arn, p.restoredArn]],
    ),
  );
  const up =
    plan.kind === 'failback'
      ? {}
      : await probeRegionHealth(
          deps.aws.health,
          env,
          [plan.fromRegion, env.primaryRegion, ...env.allowedRegions].filter(
            (r) => r !== plan.toRegion,
          ),
        );
  // The environment's new state first: finishOperation's order (state, lock, outcome, final).
  const state = await deps.environments.update(env.name, (current) =>
    plan.kind === 'failback'
      ? afterFailback({ state: current, environment: env, restoredArns, now: ctx.now() })
      : afterFailover({
          state: current,
          environment: env,
          plan,
          restoredArns,
          now: ctx.now(),
          isRegionUp: (region) => up[region] === true,
        }),
  );
  return finishOperation(ctx, {
    state: 'succeeded',
    step: OperationStep.Reprotect,
    stepDetail: `${env.name} runs in ${state.activeRegion}; backups now copy to ${state.protectionRegion}`,
    outcome: measureOutcome(ctx.op, { state: 'succeeded', now: ctx.now() }),
  });
}
