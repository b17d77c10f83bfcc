import { finishStep, transition, type OperationEvent } from '../core/operation-machine';
import type { Operation, OperationOutcome } from '../core/types';
import { toIso } from '../core/to-iso';
import { announceStep } from './step-log';
import type { StepContext } from './step-context';

export type EndState = 'succeeded' | 'failed' | 'cancelled';

/** How long an operation's end is remembered as counted and audited: far past any redelivery. */
const FINISHED_REMEMBERED_MS = 90 * 24 * 3_600_000;

/**
 * Ends an operation exactly once, in an order that survives a crash between any two lines:
 * 1. the environment's new state (idempotent: the same input gives the same state);
 * 2. the outcome counted and audited, once (guarded by a claim only the first finish wins);
 * 3. the final state and the last step, in one compare-and-set;
 * 4. the lock released (compare-and-delete: only this operation's);
 * 5. the last thread line (consumers tolerate a duplicate).
 * A worker that dies before 3 runs all of it again. The lock is released only once the operation
 * is final, so no second operation can start on the environment while this one may still resume;
 * a lock left by a worker that died between 3 and 4 belongs to a finished operation, which the
 * reconciler and the next request free.
 */
export async function finishOperation(
  ctx: StepContext,
  end: {
    state: EndState;
    step: string;
    stepDetail: string;
    outcome: OperationOutcome;
    error?: string;
    /** Writes the environment's state, given the operation as it will be stored. */
    applyEnvironment?: (finalOp: Operation) => Promise<void>;
  },
): Promise<Operation> {
  const { deps } = ctx;
  const now = ctx.now();
  const stepState = end.state === 'succeeded' || end.step === 'teardown' ? 'done' : 'failed';
  const event: OperationEvent =
    end.state === 'succeeded'
      ? { type: 'succeed', outcome: end.outcome }
      : end.state === 'failed'
        ? { type: 'fail', error: end.error ?? 'failed', outcome: end.outcome }
        : { type: 'stop', outcome: end.outcome };
  const finalize = (op: Operation): Operation | undefined => {
    const result = transition(op, event, now);
    if (!result.ok) return undefined;
    return finishStep(result.op, end.step, stepState, end.stepDetail, now);
  };

  const preview = finalize(ctx.op);
  if (preview && end.applyEnvironment) await end.applyEnvironment(preview);

  if (await deps.once.claim(`op-finished:${ctx.op.id}`, FINISHED_REMEMBERED_MS)) {
    await deps.counters.countOperation(ctx.op.kind, end.state);
    await deps.audit.append({
      type: 'operation.finished',
      actor: 'lifeboat',
      at: toIso(now),
      environment: ctx.op.environment,
      operationId: ctx.op.id,
      summary: `${ctx.op.kind} ${ctx.op.id} of ${ctx.op.environment} ${end.state}: ${end.outcome.message ?? ''}`,
      detail: {
        state: end.state,
        outcome: end.outcome,
        ...(end.error ? { error: end.error } : {}),
      },
    });
  }
  await ctx.checkpoint(end.step, 'finalizing');

  const saved = await ctx.save(finalize);
  await deps.locks.release(ctx.op.environment, ctx.op.id);
  await announceStep(ctx, end.step, stepState, end.stepDetail);
  await deps.events.publish({
    type: 'operation.step',
    operationId: saved.id,
    step: 'outcome',
    state: saved.state,
    text: end.outcome.message ?? saved.state,
  });
  return saved;
}
