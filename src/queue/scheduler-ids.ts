import { jobId } from './queue-names';

/** Job Scheduler ids: one backup schedule and one drill schedule per environment, one monitor. */
export const BACKUP_SCHEDULER_PREFIX = 'backup-' as const;
export const DRILL_SCHEDULER_PREFIX = 'drill-' as const;
export const MONITOR_SCHEDULER_ID = 'rpo-monitor' as const;

export function backupSchedulerId(environment: string): string {
  return `${BACKUP_SCHEDULER_PREFIX}${environment}`;
}

export function drillSchedulerId(environment: string): string {
  return jobId('drill', environment);
}
