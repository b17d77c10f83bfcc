import { startApprovalWorkers } from './approval/start-approval-workers';
import { startBackupWorkers } from './backups/start-backup-workers';
import type { LifeboatDeps } from './lifeboat-deps';
import { startOperationWorkers } from './operations/start-operation-workers';

/**
 * Every job worker of one process: operations (failover, failback, drills) with their reconciler
 * and drill schedulers, scheduled backups and the RPO monitor, request expiry.
 */
export async function startWorkers(deps: LifeboatDeps): Promise<{ close(): Promise<void> }> {
  const started = [
    await startOperationWorkers(deps),
    await startBackupWorkers(deps),
    startApprovalWorkers(deps),
  ];
  return {
    async close() {
      await Promise.all(started.map((w) => w.close()));
    },
  };
}
