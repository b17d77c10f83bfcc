import { isTerminalJobState, resourceName } from './broken-job';
import { progressOf, withResourceProgress } from './operation-progress';
import type { StepContext } from './step-context';
import { done, wait, type StepResult } from './step-result';

/**
 * Removes what the operation restored (after a drill, a cancel or a failure). A restore still
 * running cannot be stopped in AWS Backup: the step waits for it to end, then deletes what it
 * created. A type without a deleter is left for manual clean-up and listed in the report.
 */
export async function runTeardown(ctx: StepContext): Promise<StepResult> {
  const to = ctx.op.plan.toRegion;
  const entries = Object.entries(progressOf(ctx.op).resources);

  const running = await Promise.all(
    entries.map(async ([resourceArn, p]) => {
      if (p.restoreJobId === undefined) return false;
      if (p.restoreState !== undefined && isTerminalJobState(p.restoreState)) return false;
      const job = await ctx.deps.aws.backup.describeRestoreJob(to, p.restoreJobId);
      if (!isTerminalJobState(job.state)) return true;
      await ctx.save((op) =>
        withResourceProgress(op, resourceArn, {
          restoreState: job.state,
          ...(job.statusMessage !== undefined ? { restoreMessage: job.statusMessage } : {}),
          ...(job.state === 'COMPLETED' && job.createdResourceArn !== undefined
            ? { restoredArn: job.createdResourceArn }
            : {}),
        }),
      );
      return false;
    }),
  );
  const stillRunning = running.filter(Boolean).length;
  if (stillRunning > 0) {
    return wait(`waiting for ${stillRunning} restores to end before removing them`);
  }

  await Promise.all(
    Object.entries(progressOf(ctx.op).resources).map(async ([resourceArn, p]) => {
      if (p.restoredArn === undefined || p.teardown !== undefined) return;
      const answer = await ctx.deps.aws.deleter.deleteResource(to, p.restoredArn);
      await ctx.save((op) => withResourceProgress(op, resourceArn, { teardown: answer }));
    }),
  );
  const resources = Object.entries(progressOf(ctx.op).resources);
  const deleted = resources.filter(([, p]) => p.teardown === 'deleted');
  const manual = resources.filter(([, p]) => p.teardown === 'manual');
  if (deleted.length === 0 && manual.length === 0) return done('nothing was restored', true);
  return done(
    [
      deleted.length > 0
        ? `removed ${deleted.map(([arn]) => resourceName(arn)).join(', ')} in ${to}`
        : undefined,
      manual.length > 0
        ? `remove by hand: ${manual.map(([, p]) => p.restoredArn).join(', ')}`
        : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  );
}

/** The restored resources that need manual clean-up, for the report. */
export function manualCleanUp(ctx: StepContext): string[] {
  return Object.values(progressOf(ctx.op).resources).flatMap((p) =>
    p.teardown === 'manual' && p.restoredArn !== undefined ? [p.restoredArn] : [],
  );
}
