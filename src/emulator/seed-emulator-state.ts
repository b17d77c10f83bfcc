import type { Config } from '../config/config';
import { parseResourceArn, vaultArn } from '../config/resource-arn';
import { awsIds } from './aws-ids';
import { NO_FAULTS, upRegion, type EmulatorState, type RecordSetState } from './emulator-state';

/** Route 53's spelling of a record name: lower case with the trailing dot. */
export function dnsName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/**
 * The world a configuration describes: every region it names (up), a vault per region encrypted
 * with the configured key (or the region's AWS-managed key), every resource, every hosted zone with
 * its records pointing at the primary region's value, every health check (healthy); no recovery
 * points and no jobs.
 */
export function seedEmulatorState(config: Config, nowMs: number): EmulatorState {
  // Maps looked up by what a request names (a region, a zone, a check, a token): no prototype.
  const state: EmulatorState = {
    regions: Object.create(null) as EmulatorState['regions'],
    vaults: [],
    recoveryPoints: [],
    resources: [],
    jobs: [],
    hostedZones: Object.create(null) as EmulatorState['hostedZones'],
    changes: [],
    healthChecks: Object.create(null) as EmulatorState['healthChecks'],
    faults: structuredClone(NO_FAULTS),
    idempotency: Object.create(null) as EmulatorState['idempotency'],
    calls: [],
    clockOffsetMs: 0,
  };
  for (const env of Object.values(config.environments)) {
    const regions = [env.primaryRegion, env.recoveryRegion, ...env.allowedRegions];
    for (const region of regions) {
      state.regions[region] ??= upRegion();
      const name = env.backup.vaults[region];
      if (name && !state.vaults.some((v) => v.region === region && v.name === name)) {
        state.vaults.push({
          region,
          name,
          accountId: env.accountId,
          arn: vaultArn(region, env.accountId, name),
          encryptionKeyArn:
            env.backup.kmsKeys[region] ?? awsIds.awsManagedKeyArn(region, env.accountId),
        });
      }
    }
    for (const resource of env.resources) {
      const parsed = parseResourceArn(resource.arn);
      const region = parsed?.region || env.primaryRegion;
      if (state.resources.some((r) => r.arn === resource.arn)) continue;
      state.resources.push({
        arn: resource.arn,
        region,
        accountId: parsed?.accountId || env.accountId,
        resourceType: resource.resourceType,
        name: resource.name,
        origin: 'seed',
        createdAtMs: nowMs,
        encryptionKeyArn:
          env.backup.kmsKeys[region] ?? awsIds.awsManagedKeyArn(region, env.accountId),
      });
    }
    const zone = (state.hostedZones[env.dns.hostedZoneId] ??= {
      id: env.dns.hostedZoneId,
      records: [],
    });
    for (const record of env.dns.records) {
      const value = record.values[env.primaryRegion];
      if (value === undefined) continue;
      const seeded: RecordSetState = {
        name: dnsName(record.name),
        type: record.type,
        ttl: record.ttl,
        values: [value],
      };
      const existing = zone.records.findIndex(
        (r) => r.name === seeded.name && r.type === seeded.type,
      );
      if (existing === -1) zone.records.push(seeded);
    }
    for (const [region, id] of Object.entries(env.dns.healthChecks)) {
      state.healthChecks[id] ??= { id, region };
      state.regions[region] ??= upRegion();
    }
  }
  return state;
}
