import type { LifeboatDeps } from '../lifeboat-deps';

/** The Slack side's request use case, as a scheduled drill calls it. */
export type RequestOperation = (
  deps: LifeboatDeps,
  input: {
    kind: 'drill';
    environment: string;
    requestedBy: string;
    reason: string;
    planned: false;
  },
) => Promise<unknown>;

/**
 * A scheduled drill: requested like any other (it still needs the approvals the policy demands),
 * unless the environment drilled within the last half period (a scheduler re-created, or a drill
 * run by hand) or is no longer configured for drills.
 */
export async function requestScheduledDrill(
  deps: LifeboatDeps,
  environment: string,
  requestOperation: RequestOperation,
): Promise<{ requested: boolean; reason: string }> {
  const env = deps.config.current().environments[environment];
  if (env?.drillEveryMs === undefined) {
    return { requested: false, reason: `${environment} has no drill schedule` };
  }
  const state = await deps.environments.get(environment);
  const lastMs = state.lastDrill ? Date.parse(state.lastDrill.at) : undefined;
  if (lastMs !== undefined && deps.clock.now().toMillis() - lastMs < env.drillEveryMs / 2) {
    return { requested: false, reason: `${environment} drilled at ${state.lastDrill?.at}` };
  }
  await requestOperation(deps, {
    kind: 'drill',
    environment,
    requestedBy: 'lifeboat',
    reason: 'scheduled drill',
    planned: false,
  });
  return { requested: true, reason: 'scheduled drill requested' };
}
