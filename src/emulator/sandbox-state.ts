import { jobStateNow } from './backup-json';
import type { EmulatorState, FaultState, JobRecord } from './emulator-state';
import { healthCheckHealthy } from './health-check-healthy';
import { resourceStatus } from './resource-status';
import { changeStatus } from './route53-records';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrUndefined = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : iso(ms);

/** The JSON of `GET /_sandbox/state`: the whole world, timestamps in ISO-8601. */
export function sandboxState(state: EmulatorState, nowMs: number, jobMs: number) {
  const common = (job: JobRecord) => ({
    jobId: job.jobId,
    region: job.region,
    state: jobStateNow(state, job, nowMs, jobMs),
    createdAt: iso(job.createdAtMs),
    completedAt: isoOrUndefined(job.completedAtMs),
    statusMessage: job.statusMessage,
    idempotencyToken: job.idempotencyToken,
  });
  /** The jobs of one kind: what every job shows, and what that kind shows of its own. */
  const jobsOf = <K extends JobRecord['kind'], T>(
    kind: K,
    own: (job: Extract<JobRecord, { kind: K }>) => T,
  ) =>
    state.jobs
      .filter((j): j is Extract<JobRecord, { kind: K }> => j.kind === kind)
      .map((j) => ({ ...common(j), ...own(j) }));
  return {
    now: iso(nowMs),
    clockOffsetMs: state.clockOffsetMs,
    jobMs,
    regions: Object.fromEntries(
      Object.entries(state.regions).map(([name, r]) => [name, { up: r.up, outage: r.outage }]),
    ),
    vaults: state.vaults.map((v) => ({
      region: v.region,
      name: v.name,
      arn: v.arn,
      encryptionKeyArn: v.encryptionKeyArn,
    })),
    recoveryPoints: state.recoveryPoints.map((p) => ({
      recoveryPointArn: p.recoveryPointArn,
      region: p.region,
      vaultName: p.vaultName,
      vaultArn: p.vaultArn,
      resourceArn: p.resourceArn,
      resourceType: p.resourceType,
      createdAt: iso(p.createdAtMs),
      completedAt: iso(p.completedAtMs),
      status: p.status,
      encryptionKeyArn: p.encryptionKeyArn,
      sourceBackupVaultArn: p.sourceBackupVaultArn,
    })),
    backupJobs: jobsOf('backup', (j) => ({
      resourceArn: j.resourceArn,
      vaultName: j.vaultName,
      recoveryPointArn: j.recoveryPointArn,
    })),
    copyJobs: jobsOf('copy', (j) => ({
      resourceArn: j.resourceArn,
      sourceRecoveryPointArn: j.sourceRecoveryPointArn,
      destinationRegion: j.destinationRegion,
      destinationVaultArn: j.destinationVaultArn,
      destinationRecoveryPointArn:
        j.finalState === 'COMPLETED' ? j.destinationRecoveryPointArn : undefined,
    })),
    restoreJobs: jobsOf('restore', (j) => ({
      resourceArn: j.sourceResourceArn,
      recoveryPointArn: j.recoveryPointArn,
      resourceType: j.resourceType,
      createdResourceArn: j.finalState === 'COMPLETED' ? j.createdResourceArn : undefined,
    })),
    resources: state.resources.map((r) => ({
      arn: r.arn,
      region: r.region,
      resourceType: r.resourceType,
      name: r.name,
      origin: r.origin,
      status: resourceStatus(r, nowMs, jobMs),
      createdAt: iso(r.createdAtMs),
    })),
    hostedZones: Object.fromEntries(
      Object.entries(state.hostedZones).map(([id, zone]) => [
        id,
        {
          id,
          records: zone.records.map((r) => ({
            name: r.name,
            type: r.type,
            ttl: r.ttl,
            values: [...r.values],
          })),
        },
      ]),
    ),
    changes: state.changes.map((c) => ({
      id: c.id,
      status: changeStatus(c, nowMs, jobMs),
      submittedAt: iso(c.submittedAtMs),
      comment: c.comment,
    })),
    healthChecks: Object.fromEntries(
      Object.entries(state.healthChecks).map(([id, check]) => [
        id,
        {
          id,
          region: check.region,
          healthy: healthCheckHealthy(state, check),
          override: check.healthyOverride ?? null,
        },
      ]),
    ),
    faults: faultsJson(state.faults),
  };
}

export function faultsJson(faults: FaultState) {
  return {
    ...faults,
    failJobs: { ...faults.failJobs },
    failNext: faults.failNext.map((rule) => ({ ...rule })),
    denyOperations: [...faults.denyOperations],
  };
}
