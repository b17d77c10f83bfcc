import { toIso } from '../core/to-iso';
import { finishStep, startStep } from '../core/operation-machine';
import type { StepState } from '../core/types';
import type { StepContext } from './step-context';

/** Records a step as running, once, with a thread line and an audit entry. */
export async function beginStep(ctx: StepContext, step: string, text: string): Promise<void> {
  const existing = ctx.op.steps.find((s) => s.name === step);
  if (existing?.state === 'running') return;
  await ctx.save((op) => startStep(op, step, ctx.now()));
  await announceStep(ctx, step, 'running', text);
}

/** Records a step's end (done, skipped, failed) with its detail. */
export async function endStep(
  ctx: StepContext,
  step: string,
  state: StepState,
  detail: string,
): Promise<void> {
  await ctx.save((op) => {
    const existing = op.steps.find((s) => s.name === step);
    if (existing?.state === state && existing.detail === detail) return undefined;
    return finishStep(op, step, state, detail, ctx.now());
  });
  await announceStep(ctx, step, state, detail);
}

/** A thread line for people and an audit entry, for a step that changed state. */
export async function announceStep(
  ctx: StepContext,
  step: string,
  state: string,
  text: string,
): Promise<void> {
  const { op, deps } = ctx;
  await deps.events.publish({ type: 'operation.step', operationId: op.id, step, state, text });
  await deps.audit.append({
    type: 'operation.step',
    actor: 'lifeboat',
    at: toIso(ctx.now()),
    environment: op.environment,
    operationId: op.id,
    summary: `${op.kind} ${op.id}: ${step} ${state}: ${text}`,
    detail: { step, state },
  });
}
