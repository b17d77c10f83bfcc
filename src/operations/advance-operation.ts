import { FINAL_STATES, type Operation, type OperationState } from '../core/types';
import { toIso } from '../core/to-iso';
import { ErrorCode, LifeboatError, asLifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import { clearBlocked, isAwsNotNow, noteBlocked } from './aws-blocked';
import type { ExecutorOptions } from './executor-options';
import { finishOperation } from './finish-operation';
import { measureOutcome } from './measure-outcome';
import { progressOf, withProgress } from './operation-progress';
import { OperationStep, stepsFor } from './operation-step';
import { runCopy } from './run-copy';
import { runDnsSwitch } from './run-dns-switch';
import { recordDrill, runDrillReport } from './run-drill-report';
import { runFinalBackup } from './run-final-backup';
import { runHealthCheck } from './run-health-check';
import { runPreflight } from './run-preflight';
import { runReprotect } from './run-reprotect';
import { runRestores } from './run-restores';
import { runTeardown } from './run-teardown';
import { createStepContext, type StepContext } from './step-context';
import { beginStep, endStep } from './step-log';
import { done, fail, type StepResult } from './step-result';

export type AdvanceResult =
  /** AWS is working: call again after the poll interval (or `delayMs`, when AWS does not answer). */
  | { status: 'waiting'; step: string; detail?: string; delayMs?: number }
  /** The operation is final (now, or already). */
  | { status: 'finished'; state: OperationState }
  /** Nothing to run: no such operation, or not approved. */
  | { status: 'idle'; reason: string };

const STEP_TEXT: Record<string, string> = {
  [OperationStep.Preflight]: 'checking the plan, the lock and the recovery points',
  [OperationStep.FinalBackup]: 'taking a final backup of every resource',
  [OperationStep.Copy]: 'copying the final backups to the target region',
  [OperationStep.Restore]: 'restoring every resource in the target region',
  [OperationStep.Health]: "waiting for the target region's health checks",
  [OperationStep.Dns]: 'moving DNS to the target region',
  [OperationStep.Teardown]: 'removing the restored resources',
  [OperationStep.Reprotect]: 'switching backups to the new direction',
  [OperationStep.Report]: 'writing the drill report',
};

const HANDLERS: Record<string, (ctx: StepContext) => Promise<StepResult>> = {
  [OperationStep.Preflight]: runPreflight,
  [OperationStep.FinalBackup]: runFinalBackup,
  [OperationStep.Copy]: runCopy,
  [OperationStep.Restore]: runRestores,
  [OperationStep.Health]: runHealthCheck,
  [OperationStep.Dns]: runDnsSwitch,
  [OperationStep.Teardown]: runTeardown,
};

/** AWS answers that retrying cannot change: the operation fails with AWS's message. */
const DEFINITIVE: readonly string[] = [
  ErrorCode.AwsAccessDenied,
  ErrorCode.AwsValidation,
  ErrorCode.AwsNotFound,
  ErrorCode.AwsConflict,
  ErrorCode.AwsJobFailed,
];

/**
 * Runs an approved operation as far as it can go without waiting, from where its progress says
 * it stopped. Every call is safe to repeat at any point: after a crash, a stall or a retry, the
 * next call resumes, never starting an AWS job or a DNS change twice. Returns `waiting` when AWS
 * is busy (the caller polls again later), `finished` when the operation is final.
 */
export async function advanceOperation(
  deps: LifeboatDeps,
  operationId: string,
  options: ExecutorOptions,
): Promise<AdvanceResult> {
  const op = await deps.operations.get(operationId);
  if (!op) return { status: 'idle', reason: `no operation ${operationId}` };
  if (FINAL_STATES.includes(op.state)) return { status: 'finished', state: op.state };
  if (op.state !== 'approved' && op.state !== 'running') {
    return { status: 'idle', reason: `${op.id} is ${op.state}` };
  }
  const env = deps.config.current().environments[op.environment];
  if (!env) {
    throw new LifeboatError(
      ErrorCode.ConfigInvalid,
      `${op.id}: environment ${op.environment} is no longer configured; add it back to finish the operation`,
      { retryable: true },
    );
  }
  const ctx = createStepContext(deps, op, env, options);
  const steps = stepsFor(op.plan);

  for (;;) {
    if (FINAL_STATES.includes(ctx.op.state)) return { status: 'finished', state: ctx.op.state };
    const progress = progressOf(ctx.op);
    if (progress.stopping) return endStopped(ctx);
    const step = currentStep(ctx.op, steps);
    const ending = step === OperationStep.Reprotect || step === OperationStep.Report;
    if (ctx.op.cancelRequestedBy && !progress.dnsStartedAt && !ending) {
      await stop(ctx, step, {
        state: 'cancelled',
        reason: `cancelled by <@${ctx.op.cancelRequestedBy}>`,
      });
      continue;
    }
    if (step === undefined) return { status: 'finished', state: ctx.op.state };

    await beginStep(ctx, step, STEP_TEXT[step] ?? step);
    await ctx.checkpoint(step, 'begin');
    if (ending) {
      const final =
        step === OperationStep.Reprotect ? await runReprotect(ctx) : await runDrillReport(ctx);
      return { status: 'finished', state: final.state };
    }
    const result = await runHandler(ctx, step);
    if (result.type === 'blocked') {
      const { delayMs } = await noteBlocked(ctx, step, result.error);
      await ctx.checkpoint(step, 'poll');
      return { status: 'waiting', step, detail: result.error.message, delayMs };
    }
    await clearBlocked(ctx, step);
    if (result.type === 'wait') {
      await ctx.checkpoint(step, 'poll');
      return { status: 'waiting', step, ...(result.detail ? { detail: result.detail } : {}) };
    }
    if (result.type === 'stop') {
      await stop(ctx, step, result);
      continue;
    }
    await endStep(ctx, step, result.skipped ? 'skipped' : 'done', result.detail);
    await ctx.checkpoint(step, 'end');
  }
}

/** A step's result, or AWS not answering it now (the step waits and tries again). */
async function runHandler(
  ctx: StepContext,
  step: string,
): Promise<StepResult | { type: 'blocked'; error: LifeboatError }> {
  const handler = HANDLERS[step];
  if (!handler) return done(`nothing to do for ${step}`, true);
  try {
    return await handler(ctx);
  } catch (error) {
    const lifeboatError = asLifeboatError(error);
    if (DEFINITIVE.includes(lifeboatError.code) && !lifeboatError.retryable) {
      return fail(`${step}: ${lifeboatError.message}`);
    }
    if (isAwsNotNow(lifeboatError)) return { type: 'blocked', error: lifeboatError };
    throw error;
  }
}

/** The first step of the plan that has not ended. */
function currentStep(op: Operation, steps: readonly string[]): string | undefined {
  return steps.find((name) => {
    const record = op.steps.find((s) => s.name === name);
    return record === undefined || record.state === 'pending' || record.state === 'running';
  });
}

/** Records why the operation stops, and ends the step it stopped in. */
async function stop(
  ctx: StepContext,
  step: string | undefined,
  why: { state: 'failed' | 'cancelled'; reason: string },
): Promise<void> {
  await ctx.save((op) =>
    progressOf(op).stopping
      ? undefined
      : withProgress(op, {
          stopping: { state: why.state, reason: why.reason, at: toIso(ctx.now()) },
        }),
  );
  const record = step === undefined ? undefined : ctx.op.steps.find((s) => s.name === step);
  if (step !== undefined && record?.state === 'running') {
    await endStep(ctx, step, why.state === 'cancelled' ? 'skipped' : 'failed', why.reason);
  }
}

/** Tears down what was restored, then ends the operation cancelled or failed. */
async function endStopped(ctx: StepContext): Promise<AdvanceResult> {
  const stopping = progressOf(ctx.op).stopping;
  if (!stopping) throw new Error('endStopped without a reason to stop');
  const step = OperationStep.Teardown;
  await beginStep(ctx, step, `${stopping.reason}; removing what was restored`);
  await ctx.checkpoint(step, 'begin');
  const teardown = await runTeardown(ctx);
  if (teardown.type === 'wait') {
    await ctx.checkpoint(step, 'poll');
    return { status: 'waiting', step, ...(teardown.detail ? { detail: teardown.detail } : {}) };
  }
  const detail = teardown.type === 'done' ? teardown.detail : 'teardown stopped';
  const outcome = measureOutcome(ctx.op, {
    state: stopping.state,
    now: ctx.now(),
    error: stopping.reason,
    notes: [
      ...(ctx.op.kind === 'drill' ? [] : [`traffic stays in ${ctx.op.plan.fromRegion}`]),
      detail,
    ],
  });
  const final = await finishOperation(ctx, {
    state: stopping.state,
    step,
    stepDetail: detail,
    outcome,
    ...(stopping.state === 'failed' ? { error: stopping.reason } : {}),
    ...(ctx.op.kind === 'drill' ? { applyEnvironment: recordDrill(ctx) } : {}),
  });
  return { status: 'finished', state: final.state };
}
