import type { EmulatedJobKind, EmulatorState, JobOutcome } from './emulator-state';

const FAILURE_MESSAGES = {
  backup: 'Backup job failed: the resource could not be snapshotted (injected fault)',
  copy: 'Copy job failed: the recovery point could not be copied to the destination vault (injected fault)',
  restore: 'Restore job failed: insufficient capacity to restore the resource (injected fault)',
} as const;

/**
 * How a new job will end: the first matching `failNext` rule (consumed), else a roll against
 * `failJobs[kind]`, else COMPLETED.
 */
export function decideJobOutcome(
  state: EmulatorState,
  job: { kind: EmulatedJobKind; region: string; resourceArn: string },
  random: () => number,
): JobOutcome {
  const rules = state.faults.failNext;
  const index = rules.findIndex(
    (rule) =>
      rule.kind === job.kind &&
      (rule.resourceArn === undefined || rule.resourceArn === job.resourceArn) &&
      (rule.region === undefined || rule.region === job.region),
  );
  const rule = index === -1 ? undefined : rules[index];
  if (rule) {
    rules.splice(index, 1);
    if (rule.stuck) return { state: 'COMPLETED', stuck: true };
    return { state: rule.state ?? 'FAILED', message: rule.message ?? FAILURE_MESSAGES[job.kind] };
  }
  const rate = state.faults.failJobs[job.kind];
  if (rate > 0 && random() < rate) return { state: 'FAILED', message: FAILURE_MESSAGES[job.kind] };
  return { state: 'COMPLETED' };
}
