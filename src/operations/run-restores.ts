import { idempotencyToken } from '../core/idempotency-token';
import { arnInRegion, parseResourceArn } from '../config/resource-arn';
import type { AwsJob, PlannedResource } from '../core/types';
import { countNoun } from '../core/count-noun';
import { adaptRestoreMetadata } from './adapt-restore-metadata';
import { findOrStartJob } from './find-or-start-job';
import { brokenJob, isTerminalJobState, resourceName } from './broken-job';
import { progressOf, withResourceProgress } from './operation-progress';
import { OperationStep } from './operation-step';
import { restoredResourceName } from './restored-resource-name';
import type { StepContext } from './step-context';
import { done, fail, wait, type StepResult } from './step-result';

/**
 * Restores every resource in parallel in the target region, from the recovery point pinned at
 * preflight (or made by the copy step), with metadata adapted to the region: a name carrying the
 * operation id, the region's KMS key, the backup role. Waits until every restore has ended; one
 * that ends FAILED or ABORTED stops the operation (teardown removes what the others restored).
 */
export async function runRestores(ctx: StepContext): Promise<StepResult> {
  const step = OperationStep.Restore;
  const { plan } = ctx.op;
  const to = plan.toRegion;
  const vaultName = ctx.env.backup.vaults[to];
  if (vaultName === undefined) return fail(`there is no backup vault for ${to}`);
  let started = false;

  await Promise.all(
    plan.resources.map(async (resource): Promise<AwsJob | undefined> => {
      const saved = progressOf(ctx.op).resources[resource.resourceArn];
      if (saved?.restoreState !== undefined && isTerminalJobState(saved.restoreState))
        return undefined;
      const pointArn = saved?.recoveryPointArn;
      if (pointArn === undefined) {
        throw new Error(`no recovery point chosen for ${resource.resourceArn}`);
      }
      const newName = restoredName(ctx, resource);
      const job = await findOrStartJob(ctx, {
        step,
        savedJobId: saved?.restoreJobId,
        describe: (jobId) => ctx.deps.aws.backup.describeRestoreJob(to, jobId),
        list: (createdAfter) =>
          ctx.deps.aws.backup.listRestoreJobs(to, {
            resourceArn: resource.sourceArn,
            createdAfter,
          }),
        isOurs: (job) =>
          job.createdResourceArn === undefined || job.createdResourceArn.endsWith(newName),
        start: async () => {
          const metadata = await ctx.deps.aws.backup.getRestoreMetadata(to, vaultName, pointArn);
          const kmsKeyArn = ctx.env.backup.kmsKeys[to];
          started = true;
          return ctx.deps.aws.backup.startRestoreJob(to, {
            recoveryPointArn: pointArn,
            iamRoleArn: ctx.env.backup.roleArn,
            resourceType: resource.resourceType,
            metadata: adaptRestoreMetadata({
              metadata,
              resourceType: resource.resourceType,
              region: to,
              newName,
              ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
            }),
            idempotencyToken: idempotencyToken(ctx.op.id, step, resource.resourceArn),
            tags: {
              'lifeboat:operation': ctx.op.id,
              'lifeboat:kind': ctx.op.kind,
              ...(ctx.op.kind === 'drill' ? { 'lifeboat:drill': 'true' } : {}),
            },
          });
        },
        save: async (jobId) => {
          await ctx.save((op) =>
            withResourceProgress(op, resource.resourceArn, { restoreJobId: jobId }),
          );
        },
      });
      if (job && job.state !== saved?.restoreState) {
        await ctx.save((op) =>
          withResourceProgress(op, resource.resourceArn, {
            restoreState: job.state,
            ...(job.statusMessage !== undefined ? { restoreMessage: job.statusMessage } : {}),
            ...(job.state === 'COMPLETED'
              ? {
                  restoredArn:
                    job.createdResourceArn ?? arnInRegion(resource.sourceArn, to, newName),
                }
              : {}),
          }),
        );
      }
      return job;
    }),
  );
  if (started) await ctx.checkpoint(step, 'saved');

  const resources = progressOf(ctx.op).resources;
  const broken = brokenJob(resources, (p) => [p.restoreState, p.restoreMessage]);
  if (broken) {
    return fail(
      `the restore of ${resourceName(broken.resourceArn)} in ${to} ended ${broken.state}: ${broken.message}`,
    );
  }
  const pending = plan.resources.filter(
    (r) => resources[r.resourceArn]?.restoreState !== 'COMPLETED',
  );
  if (pending.length > 0) {
    return wait(
      `${plan.resources.length - pending.length} of ${plan.resources.length} restores done in ${to}`,
    );
  }
  return done(`restored ${countNoun(plan.resources.length, 'resource')} in ${to}`);
}

function restoredName(ctx: StepContext, resource: PlannedResource): string {
  const name = parseResourceArn(resource.resourceArn)?.name ?? resource.resourceArn;
  return restoredResourceName(name, ctx.op.kind, ctx.op.id);
}
