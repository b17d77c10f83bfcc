import type { AwsJobState } from './aws-job-state';
import type { OperationProgress } from './operation-progress';

export { TERMINAL_JOB_STATES, type AwsJobState } from './aws-job-state';

/**
 * The domain's data. Timestamps are ISO-8601 strings in UTC (they live in Redis and job data);
 * arithmetic on them goes through luxon and an injected Clock.
 */

/** A recovery point as AWS Backup lists it in one vault. */
export interface RecoveryPoint {
  recoveryPointArn: string;
  /** The protected resource. A copied point keeps its source resource's ARN. */
  resourceArn: string;
  resourceType: string;
  region: string;
  vaultName: string;
  /** When the data was taken. A copy keeps its source's creation date (AWS Backup semantics). */
  createdAt: string;
  completedAt?: string;
  status: 'COMPLETED' | 'PARTIAL' | 'DELETING' | 'EXPIRED';
  encryptionKeyArn?: string;
  /** Set on a copy: the vault it was copied from. */
  sourceBackupVaultArn?: string;
}

export const JobKind = { Backup: 'backup', Copy: 'copy', Restore: 'restore' } as const;
export type JobKind = (typeof JobKind)[keyof typeof JobKind];

/** A backup, copy or restore job as DescribeBackupJob / DescribeCopyJob / DescribeRestoreJob tell it. */
export interface AwsJob {
  kind: JobKind;
  jobId: string;
  region: string;
  state: AwsJobState;
  statusMessage?: string;
  resourceArn?: string;
  createdAt: string;
  completedAt?: string;
  /** Backup: the new recovery point. Copy: the source point. */
  recoveryPointArn?: string;
  /** Copy: the recovery point created in the destination vault. */
  destinationRecoveryPointArn?: string;
  /** Restore: the resource it created. */
  createdResourceArn?: string;
}

export const OperationKind = {
  Backup: 'backup',
  Failover: 'failover',
  Failback: 'failback',
  Drill: 'drill',
} as const;
export type OperationKind = (typeof OperationKind)[keyof typeof OperationKind];

export const OperationState = {
  Requested: 'requested',
  Approved: 'approved',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Denied: 'denied',
  Expired: 'expired',
} as const;
export type OperationState = (typeof OperationState)[keyof typeof OperationState];

export const FINAL_STATES: readonly OperationState[] = [
  'succeeded',
  'failed',
  'cancelled',
  'denied',
  'expired',
];

/**
 * Why someone may act, as the configuration said when they did: listed by id
 * (`approval.approvers: [U0BOB]`), or a member of a listed user group, with the group's members
 * at that moment (whoever may edit the group's membership may, in effect, grant the role).
 */
export type Principal =
  { type: 'user'; id: string } | { type: 'group'; handle: string; members: string[] };

export interface Vote {
  userId: string;
  decision: 'approve' | 'deny';
  at: string;
  reason?: string;
  /**
   * What authorised the vote when it was cast. Absent on the requester's withdrawal (a requester
   * need not be an approver) and on votes stored before it was recorded.
   */
  principal?: Principal;
}

export interface PlannedResource {
  /** The configured ARN: the resource's identity. */
  resourceArn: string;
  resourceType: string;
  /** Where the resource lives now (a restored copy after a failover). */
  sourceArn: string;
  /** The newest completed recovery point in the target region's vault, when the plan was made. */
  recoveryPointArn?: string;
  recoveryPointCreatedAt?: string;
  /** Request time minus the recovery point's creation time; undefined when there is none. */
  dataLossMs?: number;
}

export interface DnsChange {
  name: string;
  type: string;
  ttl: number;
  from: string;
  to: string;
}

/** What an operation will do. An approval binds to its fingerprint. */
export interface Plan {
  kind: OperationKind;
  environment: string;
  fromRegion: string;
  toRegion: string;
  planned: boolean;
  configVersion: string;
  resources: PlannedResource[];
  dnsChanges: DnsChange[];
  hostedZoneId: string;
  /** Health checks that must be healthy in the target region before DNS moves. */
  healthChecks: string[];
  rpoTargetMs: number;
  rtoTargetMs: number;
  /** requestedAt + RTO target. */
  rtoDeadline: string;
  fingerprint: string;
  /** Set when the recovery points could not be listed at request time: AWS's message. */
  recoveryPointsUnknown?: string;
}

export const StepState = {
  Pending: 'pending',
  Running: 'running',
  Done: 'done',
  Failed: 'failed',
  Skipped: 'skipped',
} as const;
export type StepState = (typeof StepState)[keyof typeof StepState];

export interface StepRecord {
  name: string;
  state: StepState;
  startedAt?: string;
  endedAt?: string;
  detail?: string;
}

export interface OperationOutcome {
  /** Request to DNS INSYNC (failover, failback) or to healthy restore (drill). */
  rtoMs?: number;
  /** Per resource: request time minus the restored point's creation time. */
  dataLossMs?: Record<string, number>;
  /** The worst of dataLossMs. */
  worstDataLossMs?: number;
  message?: string;
}

export interface Operation {
  id: string;
  kind: OperationKind;
  environment: string;
  state: OperationState;
  requestedBy: string;
  requestedAt: string;
  reason?: string;
  expiresAt: string;
  /**
   * How many approvers besides the requester it needs, decided at request time from
   * `approval.minApprovers`. Absent on operations stored before it was recorded: then the
   * configuration in force decides.
   */
  requiredApprovals?: number;
  votes: Vote[];
  plan: Plan;
  /** Where the request message lives, once posted. */
  slack?: { channel: string; ts: string };
  steps: StepRecord[];
  /**
   * The executor's durable progress: AWS job ids, change ids, restored ARNs, … An operation that
   * has not started holds `{}`, so every part of it may be missing.
   */
  progress: Partial<OperationProgress>;
  approvedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  cancelRequestedBy?: string;
  outcome?: OperationOutcome;
  error?: string;
}

/** Where an environment runs now and where its backups go. Kept in Redis. */
export interface EnvironmentState {
  environment: string;
  activeRegion: string;
  /** The region backups are copied to (recovery region; after a failover, the old primary). */
  protectionRegion: string;
  /** Configured ARN → the ARN of the resource serving traffic now. */
  resources: Record<string, string>;
  lastDrill?: {
    operationId: string;
    at: string;
    rtoMs?: number;
    worstDataLossMs?: number;
    outcome: OperationState;
  };
  updatedAt: string;
}
