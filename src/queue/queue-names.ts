import type { BackupRunRequest } from '../ports/backup-runs';

/** BullMQ queues. Every queue is created with `prefix: DR_PREFIX`. */
export const QueueName = {
  /** One job per approved operation (jobId = operation id): failover, failback, drill. */
  Operations: 'operations',
  /** Backup runs: scheduled per environment by a Job Scheduler, or on demand. */
  Backups: 'backups',
  /** The RPO monitor, on a Job Scheduler. */
  Monitor: 'monitor',
  /** Request expiry: one delayed job per requested operation, at its expiresAt. */
  Expiry: 'expiry',
  /** Scheduled drill requests, per environment with `drill:` in the configuration. */
  Drills: 'drills',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface OperationJobData {
  operationId: string;
}

export type BackupJobData = BackupRunRequest;

export interface ExpiryJobData {
  operationId: string;
}

export interface DrillJobData {
  environment: string;
}

/** BullMQ refuses custom ids with `:` and plain integers: ids here are `kind-name`. */
export function jobId(kind: string, name: string): string {
  return `${kind}-${name}`.replace(/:/g, '_');
}
