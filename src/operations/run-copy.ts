import { vaultArn } from '../config/resource-arn';
import type { AwsJob } from '../core/types';
import type { ResourceProgress } from '../core/operation-progress';
import { OperationStep } from './operation-step';
import { runResourceJobs } from './run-resource-jobs';
import type { StepContext } from './step-context';
import { fail, type StepResult } from './step-result';

/**
 * Planned moves: copies each final backup from the active region's vault to the target region's
 * vault (StartCopyJob is called in the source region). The copy's recovery point is what the
 * restore step restores; it keeps the backup's creation date, so data loss is measured from it.
 * A copy is complete once that point is found in the target vault, not before.
 */
export async function runCopy(ctx: StepContext): Promise<StepResult> {
  const { plan } = ctx.op;
  const { env } = ctx;
  const from = plan.fromRegion;
  const to = plan.toRegion;
  const sourceVault = env.backup.vaults[from];
  const targetVault = env.backup.vaults[to];
  if (sourceVault === undefined || targetVault === undefined) {
    return fail(`a backup vault is missing for ${sourceVault === undefined ? from : to}`);
  }
  const destinationVaultArn = vaultArn(to, env.accountId, targetVault);
  const { backup } = ctx.deps.aws;

  return runResourceJobs(ctx, {
    step: OperationStep.Copy,
    fields: { jobId: 'copyJobId', state: 'copyState', message: 'copyMessage' },
    isComplete: (p) => p?.copyState === 'COMPLETED' && p.recoveryPointArn !== undefined,
    jobOf: (resource, saved) => {
      const source = saved?.backupRecoveryPointArn;
      if (source === undefined) return undefined;
      return {
        describe: (jobId) => backup.describeCopyJob(from, jobId),
        list: (createdAfter) =>
          backup.listCopyJobs(from, { resourceArn: resource.sourceArn, createdAfter }),
        isOurs: (job) => job.recoveryPointArn === undefined || job.recoveryPointArn === source,
        start: (idempotencyToken) =>
          backup.startCopyJob(from, {
            sourceVaultName: sourceVault,
            recoveryPointArn: source,
            destinationVaultArn,
            iamRoleArn: env.backup.roleArn,
            idempotencyToken,
          }),
        extra: (job) =>
          job.state === 'COMPLETED' ? copiedPoint(ctx, resource.sourceArn, job, targetVault) : {},
      };
    },
    says: {
      what: 'copy',
      where: `to ${to}`,
      waiting: (pending) => `${pending} copies to ${to} running`,
      done: (total) => `copied ${total} recovery points to ${to}`,
    },
  });
}

/**
 * The recovery point a completed copy made in the target vault (listed there for its date), as
 * the restore step reads it; undefined while the vault does not list it yet.
 */
async function copiedPoint(
  ctx: StepContext,
  resourceArn: string,
  job: AwsJob,
  targetVault: string,
): Promise<ResourceProgress | undefined> {
  const points = await ctx.deps.aws.backup.listRecoveryPoints(ctx.op.plan.toRegion, targetVault, {
    resourceArn,
  });
  const point =
    points.find((p) => p.recoveryPointArn === job.destinationRecoveryPointArn) ??
    points
      .filter((p) => p.status === 'COMPLETED')
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  return point
    ? { recoveryPointArn: point.recoveryPointArn, recoveryPointCreatedAt: point.createdAt }
    : undefined;
}
