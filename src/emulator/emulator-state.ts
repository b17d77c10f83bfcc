/**
 * The emulator's whole world, in plain data. Times are epoch milliseconds of the emulator's clock
 * (the injected Clock plus the control API's offset); the control API shows them as ISO-8601.
 */

export type TerminalJobState = 'COMPLETED' | 'ABORTED' | 'FAILED' | 'EXPIRED' | 'PARTIAL';
export type EmulatedJobKind = 'backup' | 'copy' | 'restore';

/** A dark period of a region: jobs that touch the region do not progress during it. */
export interface DarkInterval {
  fromMs: number;
  /** Undefined while the region is still dark. */
  toMs?: number;
}

export interface RegionState {
  up: boolean;
  /** How calls fail while the region is dark: a fast 503, or no answer until the client gives up. */
  outage: 'unavailable' | 'hang';
  darkIntervals: DarkInterval[];
}

/** A region as the seed and the control API first create it: up, failing fast if taken dark. */
export function upRegion(): RegionState {
  return { up: true, outage: 'unavailable', darkIntervals: [] };
}

export interface VaultState {
  region: string;
  name: string;
  arn: string;
  accountId: string;
  encryptionKeyArn: string;
}

/** The size the emulator reports for every backup, copy and recovery point: 1 GiB. */
export const BACKUP_SIZE_BYTES = 1_073_741_824;

export interface RecoveryPointState {
  recoveryPointArn: string;
  region: string;
  vaultName: string;
  vaultArn: string;
  accountId: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  createdAtMs: number;
  completedAtMs: number;
  status: 'COMPLETED' | 'PARTIAL' | 'DELETING' | 'EXPIRED';
  encryptionKeyArn: string;
  sourceBackupVaultArn?: string;
  iamRoleArn?: string;
  backupSizeBytes: number;
  /** What GetRecoveryPointRestoreMetadata answers: the source resource's settings, as AWS keeps them. */
  restoreMetadata: Record<string, string>;
}

export interface ResourceState {
  arn: string;
  region: string;
  accountId: string;
  resourceType: string;
  name: string;
  origin: 'seed' | 'restore';
  createdAtMs: number;
  encryptionKeyArn: string;
  /** Set by DeleteTable / DeleteDBInstance: the resource is gone jobMs later. */
  deletingSinceMs?: number;
}

/** What a job will end as, decided when it starts (faults may make it fail). */
export interface JobOutcome {
  state: TerminalJobState;
  message?: string;
  /** Never leaves its first state (a copy AWS keeps retrying). */
  stuck?: boolean;
}

interface JobBase {
  jobId: string;
  region: string;
  accountId: string;
  iamRoleArn: string;
  createdAtMs: number;
  /** Regions whose outage stops this job. */
  regions: string[];
  outcome: JobOutcome;
  /** Set once the job has reached its terminal state and its effects are applied. */
  completedAtMs?: number;
  finalState?: TerminalJobState;
  statusMessage?: string;
  idempotencyToken?: string;
}

export interface BackupJobRecord extends JobBase {
  kind: 'backup';
  vaultName: string;
  vaultArn: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  recoveryPointArn: string;
  encryptionKeyArn: string;
}

export interface CopyJobRecord extends JobBase {
  kind: 'copy';
  sourceVaultArn: string;
  sourceRecoveryPointArn: string;
  destinationVaultArn: string;
  destinationRegion: string;
  destinationVaultName: string;
  destinationRecoveryPointArn: string;
  destinationEncryptionKeyArn: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string;
}

export interface RestoreJobRecord extends JobBase {
  kind: 'restore';
  recoveryPointArn: string;
  vaultArn: string;
  sourceResourceArn: string;
  resourceType: string;
  recoveryPointCreatedAtMs: number;
  metadata: Record<string, string>;
  /** The ARN the restore creates when it completes. */
  createdResourceArn: string;
}

export type JobRecord = BackupJobRecord | CopyJobRecord | RestoreJobRecord;

export interface RecordSetState {
  /** Lower case, with the trailing dot, as Route 53 lists it. */
  name: string;
  type: string;
  ttl: number;
  values: string[];
}

export interface HostedZoneState {
  id: string;
  records: RecordSetState[];
}

export interface ChangeState {
  id: string;
  submittedAtMs: number;
  comment?: string;
}

export interface HealthCheckState {
  id: string;
  region: string;
  /** Set by the control API; undefined: healthy exactly when the region is up. */
  healthyOverride?: boolean;
}

export interface FailNextRule {
  kind: EmulatedJobKind;
  resourceArn?: string;
  region?: string;
  state?: Exclude<TerminalJobState, 'COMPLETED'>;
  message?: string;
  stuck?: boolean;
}

export interface FaultState {
  throttleRate: number;
  errorRate: number;
  latencyMs: number;
  failJobs: Record<EmulatedJobKind, number>;
  failNext: FailNextRule[];
  /** The Route 53 control plane (us-east-1, global); false: every Route 53 call fails. */
  route53Up: boolean;
  /** Operations IAM refuses (AccessDenied), by name (StartRestoreJob) or service:name (backup:StartRestoreJob). */
  denyOperations: string[];
}

export interface CallRecord {
  atMs: number;
  service: string;
  operation: string;
  region: string;
  status: number;
  errorCode?: string;
  /** The resource the call is about, when the emulator knows it (Start* jobs, deletes). */
  resourceArn?: string;
}

/** A call as the control API serves it (`GET /_sandbox/calls`): its time in ISO-8601. */
export type CallJson = { at: string } & Omit<CallRecord, 'atMs'>;

export interface EmulatorState {
  regions: Record<string, RegionState>;
  vaults: VaultState[];
  recoveryPoints: RecoveryPointState[];
  resources: ResourceState[];
  jobs: JobRecord[];
  hostedZones: Record<string, HostedZoneState>;
  changes: ChangeState[];
  healthChecks: Record<string, HealthCheckState>;
  faults: FaultState;
  /** region|operation|token → job id and when the token was first used. */
  idempotency: Record<string, { jobId: string; atMs: number }>;
  calls: CallRecord[];
  clockOffsetMs: number;
}

export const NO_FAULTS: FaultState = {
  throttleRate: 0,
  errorRate: 0,
  latencyMs: 0,
  failJobs: { backup: 0, copy: 0, restore: 0 },
  failNext: [],
  route53Up: true,
  denyOperations: [],
};
