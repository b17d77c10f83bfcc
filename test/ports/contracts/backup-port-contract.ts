import { idempotencyToken } from '../../../src/core/idempotency-token';
import { type AwsJob, TERMINAL_JOB_STATES } from '../../../src/core/types';
import type { BackupPort } from '../../../src/ports/backup-port';
import { pollUntil } from './poll-until';

/** Where the contract runs: one environment's resource, its two vaults and its role. */
export interface BackupContractWorld {
  port: BackupPort;
  sourceRegion: string;
  recoveryRegion: string;
  sourceVault: string;
  recoveryVault: string;
  recoveryVaultArn: string;
  /** The recovery region's KMS key, for restore metadata. */
  recoveryKmsKeyArn?: string;
  iamRoleArn: string;
  resourceArn: string;
  resourceType: string;
  pollMs: number;
  jobTimeoutMs: number;
  /** Present where faults can be injected (the emulator); cases that need it are skipped elsewhere. */
  control?: {
    failNextJob(rule: {
      kind: 'backup' | 'copy' | 'restore';
      resourceArn?: string;
      message: string;
    }): Promise<void>;
    setRegion(
      region: string,
      input: { up: boolean; outage?: 'unavailable' | 'hang' },
    ): Promise<void>;
  };
  /** How long a call to a dark region may take before it must have failed. */
  darkRegionBoundMs: number;
}

/** Metadata from the source, adapted to the recovery region under a new name, as a restore needs. */
export function metadataForRestore(
  metadata: Record<string, string>,
  newName: string,
  recoveryKmsKeyArn: string | undefined,
): Record<string, string> {
  const adapted: Record<string, string> = { ...metadata };
  for (const key of [
    'TargetTableName',
    'targetTableName',
    'DBInstanceIdentifier',
    'DBClusterIdentifier',
  ]) {
    if (key in adapted) adapted[key] = newName;
  }
  delete adapted['AvailabilityZone'];
  for (const key of ['KmsKeyId', 'kmsMasterKeyArn']) {
    if (key in adapted && recoveryKmsKeyArn) adapted[key] = recoveryKmsKeyArn;
  }
  return adapted;
}

/**
 * What every BackupPort must do, on AWS and on the emulator alike. `world` is called once the
 * suite's beforeAll hooks have run.
 */
export function describeBackupPortContract(name: string, world: () => BackupContractWorld): void {
  describe(`BackupPort contract: ${name}`, () => {
    const run = `contract-${Date.now().toString(36)}`;
    let w: BackupContractWorld;
    beforeAll(() => {
      w = world();
    });

    const settled = (read: () => Promise<AwsJob>, what: string) =>
      pollUntil(read, (job) => TERMINAL_JOB_STATES.includes(job.state), {
        intervalMs: w.pollMs,
        timeoutMs: w.jobTimeoutMs,
        what,
      });

    async function backUp(step: string): Promise<AwsJob> {
      const { jobId } = await w.port.startBackupJob(w.sourceRegion, {
        vaultName: w.sourceVault,
        resourceArn: w.resourceArn,
        iamRoleArn: w.iamRoleArn,
        idempotencyToken: idempotencyToken(run, step, w.resourceArn),
      });
      return settled(
        () => w.port.describeBackupJob(w.sourceRegion, jobId),
        `backup ${jobId} to finish`,
      );
    }

    async function copyToRecovery(recoveryPointArn: string, step: string): Promise<AwsJob> {
      const { jobId } = await w.port.startCopyJob(w.sourceRegion, {
        sourceVaultName: w.sourceVault,
        recoveryPointArn,
        destinationVaultArn: w.recoveryVaultArn,
        iamRoleArn: w.iamRoleArn,
        idempotencyToken: idempotencyToken(run, step, w.resourceArn),
      });
      return settled(
        () => w.port.describeCopyJob(w.sourceRegion, jobId),
        `copy ${jobId} to finish`,
      );
    }

    it('backs up, copies to the recovery vault, and lists the copy with the source creation date', async () => {
      const backup = await backUp('backup');
      expect(backup).toMatchObject({
        kind: 'backup',
        state: 'COMPLETED',
        resourceArn: w.resourceArn,
      });
      expect(backup.recoveryPointArn).toBeDefined();

      const [source] = await w.port.listRecoveryPoints(w.sourceRegion, w.sourceVault, {
        resourceArn: w.resourceArn,
      });
      expect(source).toBeDefined();

      const copy = await copyToRecovery(backup.recoveryPointArn ?? '', 'copy');
      expect(copy).toMatchObject({
        kind: 'copy',
        state: 'COMPLETED',
        recoveryPointArn: backup.recoveryPointArn,
      });
      expect(copy.destinationRecoveryPointArn).toBeDefined();

      const points = await w.port.listRecoveryPoints(w.recoveryRegion, w.recoveryVault, {
        resourceArn: w.resourceArn,
      });
      const copied = points.find((p) => p.recoveryPointArn === copy.destinationRecoveryPointArn);
      const original = (await w.port.listRecoveryPoints(w.sourceRegion, w.sourceVault)).find(
        (p) => p.recoveryPointArn === backup.recoveryPointArn,
      );
      expect(copied).toMatchObject({
        resourceArn: w.resourceArn,
        region: w.recoveryRegion,
        vaultName: w.recoveryVault,
        status: 'COMPLETED',
        createdAt: original?.createdAt,
      });
      expect(copied?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

      const copies = await w.port.listCopyJobs(w.sourceRegion, { resourceArn: w.resourceArn });
      expect(copies.map((j) => j.jobId)).toContain(copy.jobId);

      const backups = await w.port.listBackupJobs(w.sourceRegion, {
        resourceArn: w.resourceArn,
        vaultName: w.sourceVault,
      });
      expect(backups.find((j) => j.jobId === backup.jobId)).toMatchObject({
        kind: 'backup',
        state: 'COMPLETED',
        resourceArn: w.resourceArn,
        recoveryPointArn: backup.recoveryPointArn,
      });
      await expect(
        w.port.listBackupJobs(w.sourceRegion, {
          resourceArn: w.resourceArn,
          createdAfter: new Date(Date.now() + 24 * 3_600_000).toISOString(),
        }),
      ).resolves.toEqual([]);
    });

    it('filters recovery points by creation time on the server', async () => {
      const future = new Date(Date.now() + 24 * 3_600_000).toISOString();
      await expect(
        w.port.listRecoveryPoints(w.sourceRegion, w.sourceVault, {
          resourceArn: w.resourceArn,
          createdAfter: future,
        }),
      ).resolves.toEqual([]);
    });

    it('returns the same job for the same idempotency token', async () => {
      const input = {
        vaultName: w.sourceVault,
        resourceArn: w.resourceArn,
        iamRoleArn: w.iamRoleArn,
        idempotencyToken: idempotencyToken(run, 'same-token', w.resourceArn),
      };
      const first = await w.port.startBackupJob(w.sourceRegion, input);
      const second = await w.port.startBackupJob(w.sourceRegion, input);
      expect(second.jobId).toBe(first.jobId);
      const other = await w.port.startBackupJob(w.sourceRegion, {
        ...input,
        idempotencyToken: idempotencyToken(run, 'other-token', w.resourceArn),
      });
      expect(other.jobId).not.toBe(first.jobId);
    });

    it('restores a copied point in the recovery region from adapted metadata', async () => {
      const backup = await backUp('restore-backup');
      const copy = await copyToRecovery(backup.recoveryPointArn ?? '', 'restore-copy');
      const pointArn = copy.destinationRecoveryPointArn ?? '';
      const metadata = await w.port.getRestoreMetadata(w.recoveryRegion, w.recoveryVault, pointArn);
      expect(Object.keys(metadata).length).toBeGreaterThan(0);

      const restoredName = `${run}-restored`;
      const input = {
        recoveryPointArn: pointArn,
        iamRoleArn: w.iamRoleArn,
        resourceType: w.resourceType,
        metadata: metadataForRestore(metadata, restoredName, w.recoveryKmsKeyArn),
        idempotencyToken: idempotencyToken(run, 'restore', w.resourceArn),
      };
      const { jobId } = await w.port.startRestoreJob(w.recoveryRegion, input);
      expect((await w.port.startRestoreJob(w.recoveryRegion, input)).jobId).toBe(jobId);

      const restore = await settled(
        () => w.port.describeRestoreJob(w.recoveryRegion, jobId),
        `restore ${jobId}`,
      );
      expect(restore).toMatchObject({
        kind: 'restore',
        state: 'COMPLETED',
        region: w.recoveryRegion,
      });
      expect(restore.createdResourceArn).toContain(restoredName);
      expect(restore.createdResourceArn).toContain(w.recoveryRegion);

      const found = await w.port.listRestoreJobs(w.recoveryRegion, {
        resourceArn: w.resourceArn,
        createdAfter: new Date(Date.parse(restore.createdAt) - 60_000).toISOString(),
      });
      expect(found.map((j) => j.jobId)).toContain(jobId);
    });

    it('describes a failed job as FAILED with its message, without throwing', async () => {
      if (!w.control) return;
      await w.control.failNextJob({
        kind: 'backup',
        resourceArn: w.resourceArn,
        message: 'Contract: injected failure',
      });
      const backup = await backUp('failed-backup');
      expect(backup.state).toBe('FAILED');
      expect(backup.statusMessage).toContain('Contract: injected failure');
    });

    it.each(['unavailable', 'hang'] as const)(
      'fails with a retryable aws_unavailable in bounded time when the region is dark (%s)',
      async (outage) => {
        const control = w.control;
        if (!control) return;
        await control.setRegion(w.sourceRegion, { up: false, outage });
        try {
          const startedMs = Date.now();
          const error: unknown = await w.port
            .listRecoveryPoints(w.sourceRegion, w.sourceVault)
            .catch((e: unknown) => e);
          expect(Date.now() - startedMs).toBeLessThan(w.darkRegionBoundMs);
          expect(error).toMatchObject({ code: 'aws_unavailable', retryable: true });
        } finally {
          await control.setRegion(w.sourceRegion, { up: true });
        }
      },
    );

    it('reports an unknown job as aws_not_found', async () => {
      await expect(
        w.port.describeBackupJob(w.sourceRegion, '00000000-0000-0000-0000-000000000000'),
      ).rejects.toMatchObject({
        code: 'aws_not_found',
      });
    });

    it('reports a copy of an unknown recovery point as a client error, not retryable', async () => {
      const error: unknown = await w.port
        .startCopyJob(w.sourceRegion, {
          sourceVaultName: w.sourceVault,
          recoveryPointArn: 'not-an-arn',
          destinationVaultArn: w.recoveryVaultArn,
          iamRoleArn: w.iamRoleArn,
          idempotencyToken: idempotencyToken(run, 'bad', 'not-an-arn'),
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ retryable: false });
      expect(['aws_validation', 'aws_not_found']).toContain((error as { code: string }).code);
    });
  });
}
