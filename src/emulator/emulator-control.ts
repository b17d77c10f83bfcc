import type { Config } from '../config/config';
import { parseResourceArn } from '../config/resource-arn';
import { AwsError } from './aws-error';
import { awsIds } from './aws-ids';
import {
  BACKUP_SIZE_BYTES,
  upRegion,
  type CallRecord,
  type EmulatorState,
  type FailNextRule,
  type RecoveryPointState,
} from './emulator-state';
import { restoreMetadata } from './restore-metadata';
import { faultsJson } from './sandbox-state';
import { seedEmulatorState } from './seed-emulator-state';
import { settleJobs } from './settle-jobs';

export interface FaultPatch {
  throttleRate?: number;
  errorRate?: number;
  latencyMs?: number;
  failJobs?: Partial<Record<'backup' | 'copy' | 'restore', number>>;
  /** Replaces the list of one-shot job failures ([] clears it). */
  failNext?: FailNextRule[];
  route53Up?: boolean;
  denyOperations?: string[];
}

export interface SeedRecoveryPointInput {
  region: string;
  vaultName: string;
  resourceArn: string;
  /** ISO-8601; default now. */
  createdAt?: string;
  /** Alternative to createdAt: this long before now. */
  ageMs?: number;
  encryptionKeyArn?: string;
  sourceBackupVaultArn?: string;
  status?: RecoveryPointState['status'];
}

export interface CallFilter {
  service?: string;
  operation?: string;
  region?: string;
  /** ISO-8601: only calls at or after this time. */
  since?: string;
}

/** The world behind one emulator: its state and the clock it keeps. */
export interface EmulatorCore {
  state: EmulatorState;
  readonly config: Config;
  readonly jobMs: number;
  nowMs(): number;
}

/** What the control API does, callable in-process too. */
export function createEmulatorControl(core: EmulatorCore) {
  const settle = () => settleJobs(core.state, core.nowMs(), core.jobMs);
  const clock = () => ({
    now: new Date(core.nowMs()).toISOString(),
    offsetMs: core.state.clockOffsetMs,
  });
  return {
    /** Takes a region dark ({ up: false }) or brings it back; jobs touching it stop while dark. */
    setRegion(region: string, input: { up: boolean; outage?: 'unavailable' | 'hang' }) {
      settle();
      const now = core.nowMs();
      const current = (core.state.regions[region] ??= upRegion());
      if (input.outage) current.outage = input.outage;
      if (current.up && !input.up) current.darkIntervals.push({ fromMs: now });
      if (!current.up && input.up) {
        const open = current.darkIntervals.find((i) => i.toMs === undefined);
        if (open) open.toMs = now;
      }
      current.up = input.up;
      return { region, up: current.up, outage: current.outage };
    },

    setFaults(patch: FaultPatch) {
      const faults = core.state.faults;
      if (patch.throttleRate !== undefined) faults.throttleRate = patch.throttleRate;
      if (patch.errorRate !== undefined) faults.errorRate = patch.errorRate;
      if (patch.latencyMs !== undefined) faults.latencyMs = patch.latencyMs;
      if (patch.failJobs) faults.failJobs = { ...faults.failJobs, ...patch.failJobs };
      if (patch.failNext) faults.failNext = patch.failNext.map((rule) => ({ ...rule }));
      if (patch.route53Up !== undefined) faults.route53Up = patch.route53Up;
      if (patch.denyOperations) faults.denyOperations = [...patch.denyOperations];
      return faultsJson(faults);
    },

    faults: () => faultsJson(core.state.faults),

    /** Forces a health check's answer; null follows its region again. */
    setHealthCheck(id: string, healthy: boolean | null) {
      const check = core.state.healthChecks[id];
      if (!check)
        throw new AwsError(
          'NoSuchHealthCheck',
          404,
          `A health check with id ${id} does not exist.`,
        );
      if (healthy === null) delete check.healthyOverride;
      else check.healthyOverride = healthy;
      return { id, region: check.region, override: check.healthyOverride ?? null };
    },

    /** Sets or advances the emulator's clock offset (recovery points age, jobs complete). */
    setClock(input: { offsetMs?: number; advanceMs?: number }) {
      settle();
      if (input.offsetMs !== undefined) core.state.clockOffsetMs = input.offsetMs;
      if (input.advanceMs !== undefined) core.state.clockOffsetMs += input.advanceMs;
      settle();
      return clock();
    },

    clock,

    /** Puts a completed recovery point in a vault, e.g. an old one to test an RPO breach. */
    seedRecoveryPoint(input: SeedRecoveryPointInput): RecoveryPointState {
      const vault = core.state.vaults.find(
        (v) => v.region === input.region && v.name === input.vaultName,
      );
      if (!vault)
        throw new AwsError(
          'ResourceNotFoundException',
          404,
          `Backup vault ${input.vaultName} does not exist in ${input.region}`,
        );
      const parsed = parseResourceArn(input.resourceArn);
      const resource = core.state.resources.find((r) => r.arn === input.resourceArn);
      const now = core.nowMs();
      const createdAtMs =
        input.createdAt !== undefined ? Date.parse(input.createdAt) : now - (input.ageMs ?? 0);
      if (Number.isNaN(createdAtMs))
        throw new AwsError(
          'InvalidParameterValueException',
          400,
          `createdAt ${input.createdAt ?? ''} is not ISO-8601`,
        );
      const resourceType = resource?.resourceType ?? parsed?.resourceType ?? 'unknown';
      const resourceName = resource?.name ?? parsed?.name ?? input.resourceArn;
      const resourceRegion = resource?.region ?? parsed?.region ?? input.region;
      const point: RecoveryPointState = {
        recoveryPointArn: awsIds.recoveryPointArn(
          resourceType,
          input.region,
          vault.accountId,
          resourceName,
        ),
        region: input.region,
        vaultName: vault.name,
        vaultArn: vault.arn,
        accountId: vault.accountId,
        resourceArn: input.resourceArn,
        resourceType,
        resourceName,
        createdAtMs,
        completedAtMs: Math.min(now, createdAtMs + core.jobMs),
        status: input.status ?? 'COMPLETED',
        encryptionKeyArn: input.encryptionKeyArn ?? vault.encryptionKeyArn,
        backupSizeBytes: BACKUP_SIZE_BYTES,
        restoreMetadata: restoreMetadata({
          resourceType,
          name: resourceName,
          region: resourceRegion,
          encryptionKeyArn:
            resource?.encryptionKeyArn ?? awsIds.awsManagedKeyArn(resourceRegion, vault.accountId),
        }),
        ...(input.sourceBackupVaultArn ? { sourceBackupVaultArn: input.sourceBackupVaultArn } : {}),
      };
      core.state.recoveryPoints.push(point);
      return point;
    },

    /** Back to the seeded state: regions up, no faults, no points or jobs, clock offset 0, empty call log. */
    reset() {
      core.state = seedEmulatorState(core.config, core.nowMs() - core.state.clockOffsetMs);
    },

    calls(filter: CallFilter = {}): CallRecord[] {
      const since = filter.since ? Date.parse(filter.since) : undefined;
      return core.state.calls.filter(
        (c) =>
          (!filter.service || c.service === filter.service) &&
          (!filter.operation || c.operation === filter.operation) &&
          (!filter.region || c.region === filter.region) &&
          (since === undefined || Number.isNaN(since) || c.atMs >= since),
      );
    },

    clearCalls() {
      core.state.calls = [];
    },
  };
}

export type EmulatorControl = ReturnType<typeof createEmulatorControl>;
