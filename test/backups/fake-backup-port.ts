import type { RecoveryPoint } from '../../src/core/types';
import { ErrorCode, LifeboatError } from '../../src/errors';
import type { AwsPorts } from '../../src/lifeboat-deps';
import type { BackupPort } from '../../src/ports/backup-port';

/** Recovery points per region, and regions that do not answer: the monitor's view of AWS Backup. */
export function fakeBackupPort() {
  const points: RecoveryPoint[] = [];
  const dark = new Set<string>();
  let listCalls = 0;
  const unused = () => Promise.reject(new Error('not used by the monitor'));
  const port: BackupPort = {
    async listRecoveryPoints(region, vaultName) {
      listCalls += 1;
      if (dark.has(region)) {
        throw new LifeboatError(
          ErrorCode.AwsUnavailable,
          `AWS did not answer backup:ListRecoveryPointsByBackupVault in ${region}; the region may be impaired (ECONNREFUSED)`,
          { retryable: true },
        );
      }
      return points.filter((p) => p.region === region && p.vaultName === vaultName);
    },
    startBackupJob: unused,
    describeBackupJob: unused,
    startCopyJob: unused,
    describeCopyJob: unused,
    getRestoreMetadata: unused,
    startRestoreJob: unused,
    describeRestoreJob: unused,
    listRestoreJobs: unused,
    listCopyJobs: unused,
  };
  return {
    port,
    points,
    dark,
    listCalls: () => listCalls,
    aws: { backup: port, dns: {}, health: {}, deleter: {} } as unknown as AwsPorts,
  };
}
