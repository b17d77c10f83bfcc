/**
 * A backup run's durable progress: kept in the BullMQ job's data, so a job that resumes after a
 * crash, a delay or on another worker knows which AWS jobs it already started.
 */

export const ResourceStep = {
  /** Nothing started yet (or a failed attempt waits for its retry). */
  Pending: 'pending',
  /** StartBackupJob answered; polling DescribeBackupJob. */
  BackingUp: 'backing-up',
  /** The backup completed; the copy is to be started (or retried). */
  CopyPending: 'copy-pending',
  /** StartCopyJob answered; polling DescribeCopyJob. */
  Copying: 'copying',
  Done: 'done',
  Failed: 'failed',
} as const;
export type ResourceStep = (typeof ResourceStep)[keyof typeof ResourceStep];

export interface ResourceProgress {
  /** The configured ARN: the resource's identity. */
  resourceArn: string;
  /** The ARN backed up in this run (after a failover, the restored resource). */
  sourceArn: string;
  step: ResourceStep;
  /** Attempts started of the current kind (backup or copy), 1-based; 0 before the first. */
  backupAttempt: number;
  copyAttempt: number;
  backupJobId?: string;
  recoveryPointArn?: string;
  copyJobId?: string;
  destinationRecoveryPointArn?: string;
  /** Not before this time (epoch ms): a retry's backoff. */
  notBeforeMs?: number;
  /** Calls that failed in a row with a retryable error (throttling, an impaired region). */
  errorStreak: number;
  /** The last AWS job state seen and AWS's message. */
  lastState?: string;
  message?: string;
  /** The kind of job that failed, when step is failed. */
  failedKind?: 'backup' | 'copy';
}

export interface BackupRun {
  runId: string;
  environment: string;
  startedAt: string;
  activeRegion: string;
  protectionRegion: string;
  sourceVaultName: string;
  destinationVaultArn: string;
  iamRoleArn: string;
  resources: ResourceProgress[];
}

export function isSettled(resource: ResourceProgress): boolean {
  return resource.step === ResourceStep.Done || resource.step === ResourceStep.Failed;
}
