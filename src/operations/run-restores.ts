import { arnInRegion, parseResourceArn } from '../config/resource-arn';
import { countNoun } from '../core/count-noun';
import type { PlannedResource } from '../core/types';
import { adaptRestoreMetadata } from './adapt-restore-metadata';
import { isTerminalJobState } from './broken-job';
import { OperationStep } from './operation-step';
import { restoredResourceName } from './restored-resource-name';
import { runResourceJobs } from './run-resource-jobs';
import type { StepContext } from './step-context';
import { fail, type StepResult } from './step-result';

/**
 * Restores every resource in parallel in the target region, from the recovery point pinned at
 * preflight (or made by the copy step), with metadata adapted to the region: a name carrying the
 * operation id, the region's KMS key, the backup role. Waits until every restore has ended; one
 * that ends FAILED or ABORTED stops the operation (teardown removes what the others restored).
 */
export async function runRestores(ctx: StepContext): Promise<StepResult> {
  const to = ctx.op.plan.toRegion;
  const vaultName = ctx.env.backup.vaults[to];
  if (vaultName === undefined) return fail(`there is no backup vault for ${to}`);
  const { backup } = ctx.deps.aws;

  return runResourceJobs(ctx, {
    step: OperationStep.Restore,
    fields: { jobId: 'restoreJobId', state: 'restoreState', message: 'restoreMessage' },
    // A restore that ended is never asked about again, whatever its state.
    isSettled: (p) => p?.restoreState !== undefined && isTerminalJobState(p.restoreState),
    jobOf: (resource, saved) => {
      const pointArn = saved?.recoveryPointArn;
      if (pointArn === undefined) {
        throw new Error(`no recovery point chosen for ${resource.resourceArn}`);
      }
      const newName = restoredName(ctx, resource);
      return {
        describe: (jobId) => backup.describeRestoreJob(to, jobId),
        list: (createdAfter) =>
          backup.listRestoreJobs(to, { resourceArn: resource.sourceArn, createdAfter }),
        isOurs: (job) =>
          job.createdResourceArn === undefined || job.createdResourceArn.endsWith(newName),
        start: async (idempotencyToken) => {
          const metadata = await backup.getRestoreMetadata(to, vaultName, pointArn);
          const kmsKeyArn = ctx.env.backup.kmsKeys[to];
          return backup.startRestoreJob(to, {
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
            idempotencyToken,
            tags: {
              'lifeboat:operation': ctx.op.id,
              'lifeboat:kind': ctx.op.kind,
              ...(ctx.op.kind === 'drill' ? { 'lifeboat:drill': 'true' } : {}),
            },
          });
        },
        extra: (job) =>
          job.state === 'COMPLETED'
            ? {
                restoredArn: job.createdResourceArn ?? arnInRegion(resource.sourceArn, to, newName),
              }
            : {},
      };
    },
    says: {
      what: 'restore',
      where: `in ${to}`,
      waiting: (pending, total) => `${total - pending} of ${total} restores done in ${to}`,
      done: (total) => `restored ${countNoun(total, 'resource')} in ${to}`,
    },
  });
}

function restoredName(ctx: StepContext, resource: PlannedResource): string {
  const name = parseResourceArn(resource.resourceArn)?.name ?? resource.resourceArn;
  return restoredResourceName(name, ctx.op.kind, ctx.op.id);
}
