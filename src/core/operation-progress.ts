import type { AwsJobState } from './aws-job-state';

/** Where one resource's restore stands; keyed by the configured ARN in `op.progress.resources`. */
export interface ResourceProgress {
  /** The recovery point restored from: chosen at preflight, or the final backup's copy. */
  recoveryPointArn?: string;
  /** When that point's data was taken (a copy keeps its source's date). */
  recoveryPointCreatedAt?: string;
  /** Planned moves: the final backup in the active region. */
  backupJobId?: string;
  backupState?: AwsJobState;
  backupRecoveryPointArn?: string;
  backupMessage?: string;
  /** Planned moves: the copy of the final backup into the target region's vault. */
  copyJobId?: string;
  copyState?: AwsJobState;
  copyMessage?: string;
  restoreJobId?: string;
  restoreState?: AwsJobState;
  restoreMessage?: string;
  /** The resource the restore created. */
  restoredArn?: string;
  /** Teardown's answer for the restored resource. */
  teardown?: 'deleted' | 'manual';
}

/** How the operation is ending, once it stops early (cancel, failure). */
export interface Stopping {
  state: 'failed' | 'cancelled';
  reason: string;
  at: string;
}

/**
 * The executor's durable progress, stored in `op.progress` and written through the operation
 * store's compare-and-set, so a retried or stalled job resumes where the last one stopped.
 */
export interface OperationProgress {
  resources: Record<string, ResourceProgress>;
  /** First time the target region's health checks were looked at, for the health timeout. */
  healthSince?: string;
  healthyAt?: string;
  /** Set just before the DNS change, only while no cancel was requested. After it, no cancel. */
  dnsStartedAt?: string;
  dnsChangeId?: string;
  /** The records already held the target values when the change was due (a resumed step). */
  dnsAlreadyInPlace?: boolean;
  dnsInSyncAt?: string;
  stopping?: Stopping;
  /** A step's AWS calls go unanswered (an outage, throttling): which, why, since when. */
  blocked?: { step: string; detail: string; since: string };
}
