import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Plan } from './types';

/**
 * What an approval binds to: the kind, the environment, the regions, which resources move from
 * where, the DNS changes and the configuration's version. Not the recovery points: a newer point
 * may arrive between approval and start, and restoring it loses less data, not something else.
 */
export function planFingerprint(plan: Omit<Plan, 'fingerprint'> | Plan): string {
  const body = {
    kind: plan.kind,
    environment: plan.environment,
    fromRegion: plan.fromRegion,
    toRegion: plan.toRegion,
    resources: plan.resources.map((r) => ({ resourceArn: r.resourceArn, sourceArn: r.sourceArn })),
    dnsChanges: plan.dnsChanges,
    configVersion: plan.configVersion,
  };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
