import type { DateTime } from 'luxon';
import { formatDurationMs } from './format-duration';
import type { Operation } from './types';

export const Verdict = { Met: 'met', Missed: 'missed', Unknown: 'unknown' } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export interface MeasureAgainstTarget {
  actualMs?: number;
  targetMs: number;
  verdict: Verdict;
}

export interface OutcomeSummary {
  operationId: string;
  kind: Operation['kind'];
  environment: string;
  state: Operation['state'];
  /** Achieved RTO against the plan's target. */
  rto: MeasureAgainstTarget;
  /** Data loss per configured resource ARN against the RPO target. */
  dataLoss: (MeasureAgainstTarget & { resourceArn: string })[];
  /** The worst data loss against the RPO target. */
  worstDataLoss: MeasureAgainstTarget;
  /** One line for people: `RTO 1h 5m of 24h (met) · data loss 2h of 4h (met)`. */
  text: string;
}

/**
 * What an operation achieved, for the final message and the metrics.
 *
 * - RTO: `outcome.rtoMs` when the executor measured it (request to DNS in sync, or to a healthy
 *   restore in a drill), else request → `finishedAt`, else request → now.
 * - Data loss: `outcome.dataLossMs` (the points actually restored), else the plan's estimate.
 *   A resource with neither is `unknown`; a missed target is `missed`.
 */
export function summarizeOutcome(op: Operation, now: DateTime): OutcomeSummary {
  const { plan } = op;
  const requestedMs = Date.parse(op.requestedAt);
  const endMs = op.finishedAt !== undefined ? Date.parse(op.finishedAt) : now.toMillis();
  const rtoMs = op.outcome?.rtoMs ?? Math.max(0, endMs - requestedMs);
  const rto = measure(rtoMs, plan.rtoTargetMs);

  const dataLoss = plan.resources.map((resource) => ({
    resourceArn: resource.resourceArn,
    ...measure(
      op.outcome?.dataLossMs?.[resource.resourceArn] ?? resource.dataLossMs,
      plan.rpoTargetMs,
    ),
  }));
  const known = dataLoss.flatMap((d) => (d.actualMs !== undefined ? [d.actualMs] : []));
  const worstMs =
    op.outcome?.worstDataLossMs ?? (known.length > 0 ? Math.max(...known) : undefined);
  const worstDataLoss = measure(worstMs, plan.rpoTargetMs);

  const text = UNRECOVERED.includes(op.state)
    ? notRecoveredText(op, rtoMs)
    : [
        `RTO ${describe(rto)}`,
        `data loss ${worstDataLoss.actualMs === undefined ? 'unknown' : describe(worstDataLoss)}`,
      ].join(' · ');
  return {
    operationId: op.id,
    kind: op.kind,
    environment: op.environment,
    state: op.state,
    rto,
    dataLoss,
    worstDataLoss,
    text,
  };
}

/** Ended without recovering: an RTO "met" would be a lie, so say what happened instead. */
const UNRECOVERED: readonly Operation['state'][] = ['failed', 'cancelled'];

function notRecoveredText(op: Operation, elapsedMs: number): string {
  const { plan } = op;
  const ended = `not recovered: ${op.state} after ${formatDurationMs(elapsedMs)} (RTO target ${formatDurationMs(plan.rtoTargetMs)})`;
  if (op.kind === 'drill') return `${ended}; drills change no DNS`;
  return op.progress.dnsStartedAt === undefined
    ? `${ended}; traffic stays in ${plan.fromRegion}`
    : ended;
}

function measure(actualMs: number | undefined, targetMs: number): MeasureAgainstTarget {
  if (actualMs === undefined) return { targetMs, verdict: 'unknown' };
  return { actualMs, targetMs, verdict: actualMs <= targetMs ? 'met' : 'missed' };
}

function describe(m: MeasureAgainstTarget): string {
  return `${formatDurationMs(m.actualMs ?? 0)} of ${formatDurationMs(m.targetMs)} (${m.verdict})`;
}
