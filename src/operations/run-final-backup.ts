import { idempotencyToken } from '../core/idempotency-token';
import { countNoun } from '../core/count-noun';
import type { AwsJob } from '../core/types';
import { findOrStartJob } from './find-or-start-job';
import { brokenJob, resourceName } from './broken-job';
import { progressOf, withResourceProgress } from './operation-progress';
import { OperationStep } from './operation-step';
import type { StepContext } from './step-context';
import { done, fail, wait, type StepResult } from './step-result';

/**
 * Planned moves: a backup of every resource where it runs now (the active region), so the copy
 * that is restored holds minutes-old data. A step resumed after its token may have expired first
 * lists the resource's backup jobs into that vault since the step began, so none starts twice.
 */
export async function runFinalBackup(ctx: StepContext): Promise<StepResult> {
  const step = OperationStep.FinalBackup;
  const { plan } = ctx.op;
  const region = plan.fromRegion;
  const vaultName = ctx.env.backup.vaults[region];
  if (vaultName === undefined) return fail(`there is no backup vault for ${region}`);
  let started = false;

  await Promise.all(
    plan.resources.map(async (resource): Promise<AwsJob | undefined> => {
      const saved = progressOf(ctx.op).resources[resource.resourceArn];
      if (saved?.backupState === 'COMPLETED') return undefined;
      const job = await findOrStartJob(ctx, {
        step,
        savedJobId: saved?.backupJobId,
        describe: (jobId) => ctx.deps.aws.backup.describeBackupJob(region, jobId),
        list: (createdAfter) =>
          ctx.deps.aws.backup.listBackupJobs(region, {
            resourceArn: resource.sourceArn,
            vaultName,
            createdAfter,
          }),
        start: async () => {
          started = true;
          return ctx.deps.aws.backup.startBackupJob(region, {
            vaultName,
            resourceArn: resource.sourceArn,
            iamRoleArn: ctx.env.backup.roleArn,
            idempotencyToken: idempotencyToken(ctx.op.id, step, resource.resourceArn),
          });
        },
        save: async (jobId) => {
          await ctx.save((op) =>
            withResourceProgress(op, resource.resourceArn, { backupJobId: jobId }),
          );
        },
      });
      if (job && job.state !== saved?.backupState) {
        await ctx.save((op) =>
          withResourceProgress(op, resource.resourceArn, {
            backupState: job.state,
            ...(job.statusMessage !== undefined ? { backupMessage: job.statusMessage } : {}),
            ...(job.recoveryPointArn ? { backupRecoveryPointArn: job.recoveryPointArn } : {}),
          }),
        );
      }
      return job;
    }),
  );
  if (started) await ctx.checkpoint(step, 'saved');

  const resources = progressOf(ctx.op).resources;
  const broken = brokenJob(resources, (p) => [p.backupState, p.backupMessage]);
  if (broken) {
    return fail(
      `the final backup of ${resourceName(broken.resourceArn)} in ${region} ended ${broken.state}: ${broken.message}`,
    );
  }
  const pending = plan.resources.filter(
    (r) => resources[r.resourceArn]?.backupState !== 'COMPLETED',
  );
  if (pending.length > 0) return wait(`${pending.length} backups running in ${region}`);
  return done(`backed up ${countNoun(plan.resources.length, 'resource')} in ${region}`);
}
