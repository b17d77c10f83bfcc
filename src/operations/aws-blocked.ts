import { formatDurationMs } from '../core/format-duration';
import { toIso } from '../core/to-iso';
import { ErrorCode, type LifeboatError } from '../errors';
import { progressOf, withProgress } from './operation-progress';
import type { StepContext } from './step-context';
import { announceStep } from './step-log';

/** AWS errors that say "not now" (an outage, throttling): the step waits, it does not fail. */
const NOT_NOW: readonly string[] = [ErrorCode.AwsUnavailable, ErrorCode.AwsThrottled];

export function isAwsNotNow(error: LifeboatError): boolean {
  return error.retryable && NOT_NOW.includes(error.code);
}

/** The longest a blocked step waits between two tries. */
export const MAX_BLOCKED_DELAY_MS = 60_000;

/**
 * The wait before the next try: as long as the step has waited so far (so the gaps double),
 * at least the poll interval and at most MAX_BLOCKED_DELAY_MS. Derived from the time alone, so
 * waiting writes nothing.
 */
export function blockedDelayMs(pollMs: number, waitedMs: number): number {
  return Math.min(MAX_BLOCKED_DELAY_MS, Math.max(pollMs, waitedMs));
}

/**
 * A step whose AWS calls are not answered (say, Route 53's control plane in a dark us-east-1)
 * waits and polls again. People are told once per cause, in the thread and on the step's line
 * in the message, rather than watching an hourglass with no reason.
 */
export async function noteBlocked(
  ctx: StepContext,
  step: string,
  error: LifeboatError,
): Promise<{ delayMs: number }> {
  const detail = error.message;
  const previous = progressOf(ctx.op).blocked;
  const sameStep = previous?.step === step;
  const since = sameStep ? previous.since : toIso(ctx.now());
  const delayMs = blockedDelayMs(ctx.deps.pollMs, ctx.now().toMillis() - Date.parse(since));
  if (sameStep && previous.detail === detail) return { delayMs };
  const line = `waiting on AWS: ${detail}. Lifeboat tries again, backing off from ${formatDurationMs(ctx.deps.pollMs)} to ${formatDurationMs(MAX_BLOCKED_DELAY_MS)}, and goes on when AWS answers`;
  await ctx.save((op) => {
    const steps = op.steps.map((s) =>
      s.name === step && s.state === 'running' ? { ...s, detail: line } : s,
    );
    return { ...withProgress(op, { blocked: { step, detail, since } }), steps };
  });
  await announceStep(ctx, step, 'blocked', line);
  return { delayMs };
}

/** The step's AWS calls are answered again: says so once and clears the note. */
export async function clearBlocked(ctx: StepContext, step: string): Promise<void> {
  const blocked = progressOf(ctx.op).blocked;
  if (!blocked) return;
  const waitedMs = ctx.now().toMillis() - Date.parse(blocked.since);
  await ctx.save((op) => {
    if (!progressOf(op).blocked) return undefined;
    const steps = op.steps.map((s) => {
      if (s.name !== blocked.step || s.state !== 'running') return s;
      const { detail: _blocked, ...rest } = s;
      return rest;
    });
    const { blocked: _cleared, ...progress } = progressOf(op);
    return { ...op, progress: { ...progress }, steps };
  });
  await announceStep(
    ctx,
    step,
    'running',
    `AWS answers again after ${formatDurationMs(waitedMs)}; ${blocked.step} goes on`,
  );
}
