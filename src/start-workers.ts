import { startApprovalWorkers } from './approval/start-approval-workers';
import { startBackupWorkers } from './backups/start-backup-workers';
import type { LifeboatDeps } from './lifeboat-deps';
import { startOperationWorkers } from './operations/start-operation-workers';

export interface RunningWorkers {
  /** Brings the backup and drill schedulers in line with `deps.config` (after a reload). */
  reschedule(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every job worker of one process: operations (failover, failback, drills) with their reconciler
 * and drill schedulers, scheduled backups and the RPO monitor, request expiry.
 */
export async function startWorkers(deps: LifeboatDeps): Promise<RunningWorkers> {
  const operations = await startOperationWorkers(deps);
  const backups = await startBackupWorkers(deps);
  const started = [operations, backups, startApprovalWorkers(deps)];
  return {
    async reschedule() {
      await backups.reschedule();
      await operations.reschedule();
    },
    async close() {
      await Promise.all(started.map((w) => w.close()));
    },
  };
}
