import { idempotencyToken } from '../core/idempotency-token';
import { vaultArn } from '../config/resource-arn';
import type { AwsJob } from '../core/types';
import { findOrStartJob } from './find-or-start-job';
import { brokenJob, resourceName } from './broken-job';
import { progressOf, withResourceProgress } from './operation-progress';
import { OperationStep } from './operation-step';
import type { StepContext } from './step-context';
import { done, fail, wait, type StepResult } from './step-result';

/**
 * Planned moves: copies each final backup from the active region's vault to the target region's
 * vault (StartCopyJob is called in the source region). The copy's recovery point is what the
 * restore step restores; it keeps the backup's creation date, so data loss is measured from it.
 */
export async function runCopy(ctx: StepContext): Promise<StepResult> {
  const step = OperationStep.Copy;
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
  let started = false;

  await Promise.all(
    plan.resources.map(async (resource): Promise<AwsJob | undefined> => {
      const saved = progressOf(ctx.op).resources[resource.resourceArn];
      if (saved?.copyState === 'COMPLETED' && saved.recoveryPointArn) return undefined;
      const source = saved?.backupRecoveryPointArn;
      if (source === undefined) return undefined;
      const job = await findOrStartJob(ctx, {
        step,
        savedJobId: saved?.copyJobId,
        describe: (jobId) => ctx.deps.aws.backup.describeCopyJob(from, jobId),
        list: (createdAfter) =>
          ctx.deps.aws.backup.listCopyJobs(from, { resourceArn: resource.sourceArn, createdAfter }),
        isOurs: (job) => job.recoveryPointArn === undefined || job.recoveryPointArn === source,
        start: async () => {
          started = true;
          return ctx.deps.aws.backup.startCopyJob(from, {
            sourceVaultName: sourceVault,
            recoveryPointArn: source,
            destinationVaultArn,
            iamRoleArn: env.backup.roleArn,
            idempotencyToken: idempotencyToken(ctx.op.id, step, resource.resourceArn),
          });
        },
        save: async (jobId) => {
          await ctx.save((op) =>
            withResourceProgress(op, resource.resourceArn, { copyJobId: jobId }),
          );
        },
      });
      if (job?.state === 'COMPLETED') {
        const point = await copiedPoint(ctx, resource.sourceArn, job, targetVault);
        if (!point) return job;
        await ctx.save((op) =>
          withResourceProgress(op, resource.resourceArn, {
            copyState: 'COMPLETED',
            recoveryPointArn: point.recoveryPointArn,
            recoveryPointCreatedAt: point.createdAt,
          }),
        );
      } else if (job && job.state !== saved?.copyState) {
        await ctx.save((op) =>
          withResourceProgress(op, resource.resourceArn, {
            copyState: job.state,
            ...(job.statusMessage !== undefined ? { copyMessage: job.statusMessage } : {}),
          }),
        );
      }
      return job;
    }),
  );
  if (started) await ctx.checkpoint(step, 'saved');

  const resources = progressOf(ctx.op).resources;
  const broken = brokenJob(resources, (p) => [p.copyState, p.copyMessage]);
  if (broken) {
    return fail(
      `the copy of ${resourceName(broken.resourceArn)} to ${to} ended ${broken.state}: ${broken.message}`,
    );
  }
  const pending = plan.resources.filter((r) => {
    const p = resources[r.resourceArn];
    return p?.copyState !== 'COMPLETED' || p.recoveryPointArn === undefined;
  });
  if (pending.length > 0) return wait(`${pending.length} copies to ${to} running`);
  return done(`copied ${plan.resources.length} recovery points to ${to}`);
}

/** The recovery point a completed copy made in the target vault (listed there for its date). */
async function copiedPoint(
  ctx: StepContext,
  resourceArn: string,
  job: AwsJob,
  targetVault: string,
): Promise<{ recoveryPointArn: string; createdAt: string } | undefined> {
  const points = await ctx.deps.aws.backup.listRecoveryPoints(ctx.op.plan.toRegion, targetVault, {
    resourceArn,
  });
  const point =
    points.find((p) => p.recoveryPointArn === job.destinationRecoveryPointArn) ??
    points
      .filter((p) => p.status === 'COMPLETED')
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  return point
    ? { recoveryPointArn: point.recoveryPointArn, createdAt: point.createdAt }
    : undefined;
}
