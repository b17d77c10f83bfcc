import type { AwsJob } from '../core/types';
import type { StepContext } from './step-context';

/**
 * The AWS job of one step for one resource, never started twice:
 * - a saved job id is described;
 * - else, when the step started longer ago than a token is trusted, the job is first looked for
 *   by listing (by resource, created since the step started);
 * - else the job is started with the step's idempotency token (a retry with it returns the job
 *   already started), and its id saved before anything else happens.
 * Returns the job as described, or undefined right after starting it (described at the next poll).
 */
export async function findOrStartJob(
  ctx: StepContext,
  input: {
    step: string;
    savedJobId: string | undefined;
    describe: (jobId: string) => Promise<AwsJob>;
    /** Jobs of this resource created since the step started; undefined: the API cannot list. */
    list?: (createdAfter: string) => Promise<AwsJob[]>;
    /** A listed job is this step's (e.g. its restored name carries the operation id). */
    isOurs?: (job: AwsJob) => boolean;
    start: () => Promise<{ jobId: string }>;
    save: (jobId: string) => Promise<void>;
  },
): Promise<AwsJob | undefined> {
  if (input.savedJobId !== undefined) return input.describe(input.savedJobId);
  const startedAt = ctx.op.steps.find((s) => s.name === input.step)?.startedAt;
  const ageMs = startedAt === undefined ? 0 : ctx.now().toMillis() - Date.parse(startedAt);
  if (input.list && startedAt !== undefined && ageMs > ctx.options.tokenTrustMs) {
    const found = (await input.list(startedAt))
      .filter((job) => job.state !== 'FAILED' && job.state !== 'ABORTED')
      .filter((job) => input.isOurs?.(job) ?? true)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
    if (found) {
      await input.save(found.jobId);
      return found;
    }
  }
  const { jobId } = await input.start();
  await ctx.checkpoint(input.step, 'called');
  await input.save(jobId);
  return undefined;
}
