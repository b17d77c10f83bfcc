/** Job Scheduler ids: one backup schedule per environment, one monitor. */
export const SCHEDULER_PREFIX = 'backup-' as const;
export const MONITOR_SCHEDULER_ID = 'rpo-monitor' as const;

export function backupSchedulerId(environment: string): string {
  return `${SCHEDULER_PREFIX}${environment}`;
}
