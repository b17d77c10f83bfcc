import type { RecoveryPoint } from '../../../src/core/types';
import { ErrorCode, LifeboatError } from '../../../src/errors';
import { backupOnlyPorts } from './backup-only-ports';

/** Recovery points per region, and regions that do not answer: the monitor's view of AWS Backup. */
export function fakeBackupPort() {
  const points: RecoveryPoint[] = [];
  const dark = new Set<string>();
  const aws = backupOnlyPorts('not used by the monitor', {
    async listRecoveryPoints(region, vaultName) {
      if (dark.has(region)) {
        throw new LifeboatError(
          ErrorCode.AwsUnavailable,
          `AWS did not answer backup:ListRecoveryPointsByBackupVault in ${region}; the region may be impaired (ECONNREFUSED)`,
          { retryable: true },
        );
      }
      return points.filter((p) => p.region === region && p.vaultName === vaultName);
    },
  });
  return { points, dark, aws };
}
