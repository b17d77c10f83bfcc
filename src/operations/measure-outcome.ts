import type { DateTime } from 'luxon';
import { summarizeOutcome } from '../core/operation-report';
import type { Operation, OperationOutcome } from '../core/types';
import { progressOf } from './operation-progress';

/**
 * What an operation achieved, from its progress:
 * - RTO: request → DNS INSYNC (failover, failback), request → restores healthy (drill);
 * - data loss per resource: the moment writes stopped reaching the restored data minus the
 *   restored point's creation time. Unplanned (the primary is lost): the request time. Planned and
 *   failback (the primary keeps serving until DNS moves): the DNS switch.
 * `message` is the one line for people, with the targets.
 */
export function measureOutcome(
  op: Operation,
  end: { state: Operation['state']; now: DateTime; error?: string; notes?: string[] },
): OperationOutcome {
  const progress = progressOf(op);
  const requestedMs = Date.parse(op.requestedAt);
  const rtoEnd = op.kind === 'drill' ? progress.healthyAt : progress.dnsInSyncAt;
  const rtoMs =
    end.state === 'succeeded' && rtoEnd !== undefined
      ? Math.max(0, Date.parse(rtoEnd) - requestedMs)
      : undefined;

  const planned = op.plan.planned || op.kind === 'failback';
  const stopMs = planned
    ? Date.parse(progress.dnsStartedAt ?? progress.dnsInSyncAt ?? end.now.toISO() ?? '')
    : requestedMs;
  const dataLossMs: Record<string, number> = {};
  for (const [resourceArn, p] of Object.entries(progress.resources)) {
    if (p.recoveryPointCreatedAt === undefined || p.restoreState !== 'COMPLETED') continue;
    dataLossMs[resourceArn] = Math.max(0, stopMs - Date.parse(p.recoveryPointCreatedAt));
  }
  const losses = Object.values(dataLossMs);
  const measured: OperationOutcome = {
    ...(rtoMs !== undefined ? { rtoMs } : {}),
    ...(losses.length > 0 ? { dataLossMs, worstDataLossMs: Math.max(...losses) } : {}),
  };
  const summary =
    end.state === 'succeeded'
      ? summarizeOutcome({ ...op, state: end.state, outcome: measured }, end.now).text
      : `${end.state}: ${end.error ?? 'no reason given'}`;
  const message = [summary, ...(end.notes ?? [])].join(' · ');
  return { ...measured, message };
}
