import { formatDurationMs } from '../core/format-duration';
import type { Exposure } from '../core/rpo-exposure';
import type { JobOutcome } from '../store/job-outcomes';

export interface ExplainInput {
  exposure: Exposure;
  /** Last backup or copy job outcome per configured resource ARN. */
  outcomes: Readonly<Record<string, JobOutcome>>;
  nowMs: number;
  nextBackupAtMs?: number;
  /** A backup run is in flight: it is the next backup. */
  backupRunning?: boolean;
  expectedBackupDurationMs: number;
  /** Set when the protection region did not answer. */
  darkMessage?: string;
}

/** Names the stale resource and why: its exposure, the last job's state and AWS's message, a dark region. */
export function explainExposure(input: ExplainInput): string {
  const { exposure, outcomes } = input;
  const arn = exposure.worstResourceArn;
  const resource = exposure.perResource.find((r) => r.resourceArn === arn);
  const where = exposure.region;
  const target = formatDurationMs(exposure.rpoTargetMs);
  const parts: string[] = [];
  if (input.darkMessage !== undefined) {
    parts.push(
      `protection region ${where} is dark: no backup can be copied there until it returns (${input.darkMessage})`,
    );
  }
  if (!resource || resource.exposureMs === undefined) {
    parts.push(`no completed recovery point of ${arn ?? 'a resource'} in ${where}`);
  } else if (exposure.status === 'breached') {
    parts.push(
      `the newest copy of ${resource.resourceArn} in ${where} is ${formatDurationMs(resource.exposureMs)} old, past the ${target} target`,
    );
  } else {
    const due = input.backupRunning
      ? 'running now'
      : input.nextBackupAtMs !== undefined && input.nextBackupAtMs > input.nowMs
        ? `due in ${formatDurationMs(input.nextBackupAtMs - input.nowMs)}`
        : 'due now';
    parts.push(
      `the newest copy of ${resource.resourceArn} in ${where} is ${formatDurationMs(resource.exposureMs)} old; the next backup (${due}, taking about ${formatDurationMs(input.expectedBackupDurationMs)}) ${exposure.status === 'at-risk' ? 'cannot land' : 'lands'} within the ${target} target`,
    );
  }
  const outcome = arn !== undefined ? outcomes[arn] : undefined;
  if (outcome && outcome.state !== 'COMPLETED') {
    parts.push(
      `last ${outcome.kind} job${outcome.jobId ? ` ${outcome.jobId}` : ''} in ${outcome.region}: ${outcome.state}${outcome.message ? ` (${outcome.message})` : ''}`,
    );
  }
  return parts.join('; ');
}
