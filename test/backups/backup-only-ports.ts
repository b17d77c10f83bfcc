import type { AwsPorts } from '../../src/lifeboat-deps';
import type { BackupPort } from '../../src/ports/backup-port';

/**
 * A BackupPort made of `methods`, every other method rejecting with `unusedMessage`, and the
 * AwsPorts that carry it (the backup code calls no DNS, health or deleter port).
 */
export function backupOnlyPorts(
  unusedMessage: string,
  methods: Partial<BackupPort>,
): { port: BackupPort; aws: AwsPorts } {
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
    ...methods,
  };
  return { port, aws: { backup: port, dns: {}, health: {}, deleter: {} } as unknown as AwsPorts };
}
