import { countNoun } from '../core/count-noun';
import { OperationStep } from './operation-step';
import { runResourceJobs } from './run-resource-jobs';
import type { StepContext } from './step-context';
import { fail, type StepResult } from './step-result';

/**
 * Planned moves: a backup of every resource where it runs now (the active region), so the copy
 * that is restored holds minutes-old data. A step resumed after its token may have expired first
 * lists the resource's backup jobs into that vault since the step began, so none starts twice.
 */
export async function runFinalBackup(ctx: StepContext): Promise<StepResult> {
  const region = ctx.op.plan.fromRegion;
  const vaultName = ctx.env.backup.vaults[region];
  if (vaultName === undefined) return fail(`there is no backup vault for ${region}`);
  const { backup } = ctx.deps.aws;

  return runResourceJobs(ctx, {
    step: OperationStep.FinalBackup,
    fields: { jobId: 'backupJobId', state: 'backupState', message: 'backupMessage' },
    jobOf: (resource) => ({
      describe: (jobId) => backup.describeBackupJob(region, jobId),
      list: (createdAfter) =>
        backup.listBackupJobs(region, { resourceArn: resource.sourceArn, vaultName, createdAfter }),
      start: (idempotencyToken) =>
        backup.startBackupJob(region, {
          vaultName,
          resourceArn: resource.sourceArn,
          iamRoleArn: ctx.env.backup.roleArn,
          idempotencyToken,
        }),
      extra: (job) =>
        job.recoveryPointArn ? { backupRecoveryPointArn: job.recoveryPointArn } : {},
    }),
    says: {
      what: 'final backup',
      where: `in ${region}`,
      waiting: (pending) => `${pending} backups running in ${region}`,
      done: (total) => `backed up ${countNoun(total, 'resource')} in ${region}`,
    },
  });
}
