import { afterDrill } from '../core/environment-state';
import type { Operation } from '../core/types';
import { finishOperation } from './finish-operation';
import { measureOutcome } from './measure-outcome';
import { OperationStep } from './operation-step';
import { manualCleanUp } from './run-teardown';
import type { StepContext } from './step-context';

/** The end of a drill: its RTO and data loss against the targets, remembered as `lastDrill`. */
export async function runDrillReport(ctx: StepContext): Promise<Operation> {
  const manual = manualCleanUp(ctx);
  const outcome = measureOutcome(ctx.op, {
    state: 'succeeded',
    now: ctx.now(),
    notes: manual.length > 0 ? [`remove by hand: ${manual.join(', ')}`] : [],
  });
  return finishOperation(ctx, {
    state: 'succeeded',
    step: OperationStep.Report,
    stepDetail: `recorded as the last drill of ${ctx.env.name}; /dr status shows it`,
    outcome,
    applyEnvironment: recordDrill(ctx),
  });
}

/** Writes a drill's end, however it ended, into the environment's state as `lastDrill`. */
export function recordDrill(ctx: StepContext): (finalOp: Operation) => Promise<void> {
  return async (finalOp) => {
    await ctx.deps.environments.update(ctx.env.name, (state) =>
      afterDrill(state, finalOp, ctx.now()),
    );
  };
}
