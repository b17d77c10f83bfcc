import { buildPlan, type BuildPlanInput, type BuildPlanResult } from './build-plan';

/** The plan builder by kind; see buildPlan for the rules. */
export function planFailover(input: Omit<BuildPlanInput, 'kind'>): BuildPlanResult {
  return buildPlan({ ...input, kind: 'failover' });
}

export function planFailback(input: Omit<BuildPlanInput, 'kind' | 'planned'>): BuildPlanResult {
  return buildPlan({ ...input, kind: 'failback', planned: true });
}

export function planDrill(input: Omit<BuildPlanInput, 'kind' | 'planned'>): BuildPlanResult {
  return buildPlan({ ...input, kind: 'drill', planned: false });
}

export { buildPlan, defaultFailoverRegion } from './build-plan';
export type { BuildPlanInput, BuildPlanResult } from './build-plan';
export { planFingerprint } from './plan-fingerprint';
