import type { AwsPorts } from '../../../src/lifeboat-deps';
import type { BackupPort } from '../../../src/ports/backup-port';

/**
 * AwsPorts whose BackupPort is made of `methods`, every other method rejecting with
 * `unusedMessage` (the backup code calls no DNS, health or deleter port).
 */
export function backupOnlyPorts(unusedMessage: string, methods: Partial<BackupPort>): AwsPorts {
  const unused = () => Promise.reject(new Error(unusedMessage));
  const port: BackupPort = {
    startBackupJob: unused,
    describeBackupJob: unused,
    startCopyJob: unused,
    describeCopyJob: unused,
    listRecoveryPoints: unused,
    getRestoreMetadata: unused,
    startRestoreJob: unused,
    describeRestoreJob: unused,
    listRestoreJobs: unused,
    listCopyJobs: unused,
    listBackupJobs: unused,
    ...methods,
  };
  return { backup: port, dns: {}, health: {}, deleter: {} } as unknown as AwsPorts;
}
