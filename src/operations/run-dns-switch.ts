import type { DnsChange } from '../core/types';
import { toIso } from '../core/to-iso';
import type { DnsRecord } from '../ports/dns-port';
import { progressOf, withProgress } from './operation-progress';
import { OperationStep } from './operation-step';
import type { StepContext } from './step-context';
import { unhealthyChecks } from './run-health-check';
import { cancel, done, fail, wait, type StepResult } from './step-result';

/**
 * Moves traffic: every record of the environment to the target region's value, in one change
 * batch, then waits for INSYNC. Route 53 has no idempotency token, so a resumed step never changes
 * the records twice:
 * - `dnsStartedAt` is set first, and only while no cancel was requested (the Slack side refuses a
 *   cancel once it is set);
 * - the target's health checks are looked at once more just before the switch is claimed, and
 *   again before the change is sent when an earlier run claimed it (it may have died long ago);
 * - a saved change id is polled, never sent again;
 * - without one, the records are read first: holding the target values means the change was made
 *   and the worker stopped before saving its id, so the step ends after one more read, without a
 *   second change.
 */
export async function runDnsSwitch(ctx: StepContext): Promise<StepResult> {
  const step = OperationStep.Dns;
  const { plan } = ctx.op;
  let progress = progressOf(ctx.op);
  if (progress.dnsInSyncAt) return done(summary(plan.dnsChanges, plan.toRegion));

  const claimedEarlier = progress.dnsStartedAt !== undefined;
  if (!claimedEarlier) {
    // The health step may have passed long ago (a worker died in between): look once more, so
    // traffic never moves to a region whose health checks fail.
    const unhealthy = await refuseUnhealthy(ctx);
    if (unhealthy) return unhealthy;
    const claimed = await ctx.save((op) =>
      op.cancelRequestedBy || progressOf(op).dnsStartedAt
        ? undefined
        : withProgress(op, { dnsStartedAt: toIso(ctx.now()) }),
    );
    progress = progressOf(claimed);
    if (progress.dnsStartedAt === undefined) {
      return cancel(
        `cancelled by ${claimed.cancelRequestedBy ? `<@${claimed.cancelRequestedBy}>` : 'someone'} before DNS moved`,
      );
    }
  }

  if (progress.dnsChangeId !== undefined) {
    const change = await ctx.deps.aws.dns.getChange(progress.dnsChangeId);
    if (change.status !== 'INSYNC')
      return wait(`DNS change ${change.changeId} is ${change.status}`);
    return inSync(ctx, `change ${change.changeId} INSYNC`);
  }

  const current = await ctx.deps.aws.dns.getRecords(
    plan.hostedZoneId,
    plan.dnsChanges.map(({ name, type }) => ({ name, type })),
  );
  if (holdsTarget(current, plan.dnsChanges)) {
    if (progress.dnsAlreadyInPlace) return inSync(ctx, 'records already hold the target values');
    await ctx.save((op) => withProgress(op, { dnsAlreadyInPlace: true }));
    return wait('records already hold the target values; reading them once more');
  }
  if (claimedEarlier) {
    // The run that claimed the switch died before sending it, maybe long ago: look again.
    const unhealthy = await refuseUnhealthy(ctx);
    if (unhealthy) return unhealthy;
  }
  const { changeId } = await ctx.deps.aws.dns.upsertRecords(
    plan.hostedZoneId,
    plan.dnsChanges.map(({ name, type, ttl, to }) => ({ name, type, ttl, value: to })),
    `lifeboat ${ctx.op.id}: ${plan.kind} of ${plan.environment} to ${plan.toRegion}`,
  );
  await ctx.checkpoint(step, 'called');
  await ctx.save((op) => withProgress(op, { dnsChangeId: changeId, dnsAlreadyInPlace: false }));
  await ctx.checkpoint(step, 'saved');
  return wait(`DNS change ${changeId} sent`);
}

/** A failure when a target health check is not healthy now; undefined when all are. */
async function refuseUnhealthy(ctx: StepContext): Promise<StepResult | undefined> {
  const unhealthy = await unhealthyChecks(ctx);
  if (unhealthy.length === 0) return undefined;
  return fail(
    `${unhealthy.join('; ')} in ${ctx.op.plan.toRegion} just before DNS moved; traffic stays where it was`,
  );
}

async function inSync(ctx: StepContext, how: string): Promise<StepResult> {
  const saved = await ctx.save((op) =>
    progressOf(op).dnsInSyncAt ? undefined : withProgress(op, { dnsInSyncAt: toIso(ctx.now()) }),
  );
  const { plan } = saved;
  return done(`${summary(plan.dnsChanges, plan.toRegion)} (${how})`);
}

function summary(changes: DnsChange[], region: string): string {
  return `${changes.map((c) => `${c.name} → ${c.to}`).join(', ')} now serve ${region}`;
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

function holdsTarget(records: DnsRecord[], changes: DnsChange[]): boolean {
  return changes.every((change) => {
    const record = records.find(
      (r) => normalize(r.name) === normalize(change.name) && r.type === change.type,
    );
    return (
      record !== undefined &&
      record.values.length === 1 &&
      normalize(record.values[0] ?? '') === normalize(change.to)
    );
  });
}
