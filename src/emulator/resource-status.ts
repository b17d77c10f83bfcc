import type { EmulatorState, ResourceState } from './emulator-state';

export type ResourceStatus = 'available' | 'deleting' | 'deleted';

/** A deleted resource stays `deleting` for jobMs, then is gone. */
export function resourceStatus(
  resource: ResourceState,
  nowMs: number,
  jobMs: number,
): ResourceStatus {
  if (resource.deletingSinceMs === undefined) return 'available';
  return nowMs - resource.deletingSinceMs >= jobMs ? 'deleted' : 'deleting';
}

/** The resource of that ARN that exists (available or still deleting), if any. */
export function findLiveResource(
  state: EmulatorState,
  arn: string,
  nowMs: number,
  jobMs: number,
): ResourceState | undefined {
  return state.resources.find(
    (r) => r.arn === arn && resourceStatus(r, nowMs, jobMs) !== 'deleted',
  );
}
