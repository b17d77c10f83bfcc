import { parseResourceArn } from '../config/resource-arn';
import { TERMINAL_JOB_STATES, type AwsJobState } from '../core/types';
import type { ResourceProgress } from '../core/operation-progress';

export function isTerminalJobState(state: AwsJobState): boolean {
  return TERMINAL_JOB_STATES.includes(state);
}

/** The first resource whose job of a step ended in a terminal state other than COMPLETED. */
export function brokenJob(
  resources: Record<string, ResourceProgress>,
  pick: (p: ResourceProgress) => [AwsJobState | undefined, string | undefined],
): { resourceArn: string; state: AwsJobState; message: string } | undefined {
  for (const [resourceArn, progress] of Object.entries(resources)) {
    const [state, message] = pick(progress);
    if (state !== undefined && state !== 'COMPLETED' && isTerminalJobState(state)) {
      return { resourceArn, state, message: message ?? 'AWS gave no reason' };
    }
  }
  return undefined;
}

/** The short name of a configured resource, for people. */
export function resourceName(resourceArn: string): string {
  return parseResourceArn(resourceArn)?.name ?? resourceArn;
}
