import { formatDurationMs } from '../core/format-duration';
import { toIso } from '../core/to-iso';
import { progressOf, withProgress } from './operation-progress';
import type { StepContext } from './step-context';
import { done, fail, wait, type StepResult } from './step-result';

/** The health checks that must pass in the target region: the plan's, else the configured one. */
export function targetHealthChecks(ctx: StepContext): string[] {
  const { plan } = ctx.op;
  if (plan.healthChecks.length > 0) return plan.healthChecks;
  const configured = ctx.env.dns.healthChecks[plan.toRegion];
  return configured === undefined ? [] : [configured];
}

/** `id: detail` of every target health check that is not healthy now. */
export async function unhealthyChecks(
  ctx: StepContext,
  checks: string[] = targetHealthChecks(ctx),
): Promise<string[]> {
  const statuses = await Promise.all(
    checks.map(async (id) => ({ id, ...(await ctx.deps.aws.health.getHealthCheckStatus(id)) })),
  );
  return statuses.filter((s) => !s.healthy).map((s) => `${s.id}: ${s.detail}`);
}

/**
 * Every health check of the target region must be healthy before traffic moves (or, in a drill,
 * before the restore counts as recovered). Unhealthy checks are polled until `healthTimeoutMs`
 * has passed since the first look; then the operation fails before any DNS change.
 */
export async function runHealthCheck(ctx: StepContext): Promise<StepResult> {
  const checks = targetHealthChecks(ctx);
  const unhealthy = await unhealthyChecks(ctx, checks);
  const now = ctx.now();
  if (unhealthy.length === 0) {
    await ctx.save((op) =>
      progressOf(op).healthyAt ? undefined : withProgress(op, { healthyAt: toIso(now) }),
    );
    return done(
      checks.length === 0
        ? `no health check configured for ${ctx.op.plan.toRegion}`
        : `${checks.join(', ')} healthy in ${ctx.op.plan.toRegion}`,
    );
  }
  const since = progressOf(ctx.op).healthSince;
  if (since === undefined) {
    await ctx.save((op) =>
      progressOf(op).healthSince ? undefined : withProgress(op, { healthSince: toIso(now) }),
    );
  }
  const waitedMs = since === undefined ? 0 : now.toMillis() - Date.parse(since);
  const detail = unhealthy.join('; ');
  if (waitedMs >= ctx.options.healthTimeoutMs) {
    return fail(
      `the health checks of ${ctx.op.plan.toRegion} are still unhealthy after ${formatDurationMs(waitedMs)} (${detail}); traffic stays where it was`,
    );
  }
  return wait(`waiting for ${detail}`);
}
