import { idempotencyToken } from '../core/idempotency-token';
import type { AwsJob, AwsJobState, PlannedResource } from '../core/types';
import { brokenJob, resourceName } from './broken-job';
import { findOrStartJob } from './find-or-start-job';
import type { ResourceProgress } from '../core/operation-progress';
import { progressOf, withResourceProgress } from './operation-progress';
import type { OperationStep } from './operation-step';
import type { StepContext } from './step-context';
import { done, fail, wait, type StepResult } from './step-result';

/** The names of a resource's progress fields that hold values of type V. */
type FieldOf<V> = {
  [K in keyof ResourceProgress]-?: ResourceProgress[K] extends V | undefined ? K : never;
}[keyof ResourceProgress];

/** The AWS calls of one resource's job in a step, and what to record with its state. */
export interface ResourceJob {
  describe: (jobId: string) => Promise<AwsJob>;
  /** Jobs of this resource created since the step began, for when its token may have expired. */
  list: (createdAfter: string) => Promise<AwsJob[]>;
  /** A listed job is this operation's (e.g. its restored name carries the operation id). */
  isOurs?: (job: AwsJob) => boolean;
  start: (idempotencyToken: string) => Promise<{ jobId: string }>;
  /**
   * More to record with a new state of the job (a backup's recovery point, a restore's new ARN).
   * Undefined records nothing yet: the job is described again at the next poll.
   */
  extra?: (job: AwsJob) => ResourceProgress | undefined | Promise<ResourceProgress | undefined>;
}

/** What a step that runs one AWS job per resource says of its own; runResourceJobs does the rest. */
export interface ResourceJobStep {
  step: OperationStep;
  /** Where each resource's progress keeps the job: its id, its last state and AWS's message. */
  fields: { jobId: FieldOf<string>; state: FieldOf<AwsJobState>; message: FieldOf<string> };
  /** The resource's job; undefined while it cannot start yet (a copy waits for its backup). */
  jobOf: (
    resource: PlannedResource,
    saved: ResourceProgress | undefined,
  ) => ResourceJob | undefined;
  /** The resource is through this step. Default: its job COMPLETED. */
  isComplete?: (saved: ResourceProgress | undefined) => boolean;
  /** Nothing more to ask AWS about the resource's job. Default: it is complete. */
  isSettled?: (saved: ResourceProgress | undefined) => boolean;
  /** For people: "the <what> of <resource> <where> ended FAILED", and the step's summaries. */
  says: {
    what: string;
    where: string;
    waiting: (pending: number, total: number) => string;
    done: (total: number) => string;
  };
}

/**
 * One pass of a step that runs an AWS job for every resource of the plan, in parallel. For each
 * resource not yet settled, the job is found or started (findOrStartJob: the saved id, else a
 * listing once the token may have expired, else Start* with the step's idempotency token, its id
 * saved at once), and each new state it reports is recorded through the store's compare-and-set.
 * Then: failed when a job ended in a terminal state other than COMPLETED, waiting while any
 * resource is not complete, done when all are.
 */
export async function runResourceJobs(
  ctx: StepContext,
  spec: ResourceJobStep,
): Promise<StepResult> {
  const { step, fields, says } = spec;
  const { plan } = ctx.op;
  const isComplete = spec.isComplete ?? ((p) => p?.[fields.state] === 'COMPLETED');
  const isSettled = spec.isSettled ?? isComplete;
  let started = false;

  await Promise.all(
    plan.resources.map(async (resource): Promise<void> => {
      const arn = resource.resourceArn;
      const saved = progressOf(ctx.op).resources[arn];
      if (isSettled(saved)) return;
      const resourceJob = spec.jobOf(resource, saved);
      if (resourceJob === undefined) return;
      const job = await findOrStartJob(ctx, {
        step,
        savedJobId: saved?.[fields.jobId],
        describe: resourceJob.describe,
        list: resourceJob.list,
        isOurs: resourceJob.isOurs,
        start: () => {
          started = true;
          return resourceJob.start(idempotencyToken(ctx.op.id, step, arn));
        },
        save: async (jobId) => {
          await ctx.save((op) => withResourceProgress(op, arn, { [fields.jobId]: jobId }));
        },
      });
      if (job === undefined || job.state === saved?.[fields.state]) return;
      const extra = resourceJob.extra ? await resourceJob.extra(job) : {};
      if (extra === undefined) return;
      await ctx.save((op) =>
        withResourceProgress(op, arn, {
          [fields.state]: job.state,
          ...(job.statusMessage !== undefined ? { [fields.message]: job.statusMessage } : {}),
          ...extra,
        }),
      );
    }),
  );
  if (started) await ctx.checkpoint(step, 'saved');

  const resources = progressOf(ctx.op).resources;
  const broken = brokenJob(resources, (p) => [p[fields.state], p[fields.message]]);
  if (broken) {
    return fail(
      `the ${says.what} of ${resourceName(broken.resourceArn)} ${says.where} ended ${broken.state}: ${broken.message}`,
    );
  }
  const total = plan.resources.length;
  const pending = plan.resources.filter((r) => !isComplete(resources[r.resourceArn])).length;
  if (pending > 0) return wait(says.waiting(pending, total));
  return done(says.done(total));
}
