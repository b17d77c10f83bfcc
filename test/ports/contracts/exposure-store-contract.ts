import type { ExposureStore, StoredExposure } from '../../../src/store/exposure-store';

const DB = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';

/** A measurement with every optional part set. */
export function fullExposure(environment = 'shop-prod'): StoredExposure {
  return {
    environment,
    region: 'eu-central-1',
    perResource: [
      {
        resourceArn: DB,
        currentArn: DB,
        newestPoint: {
          recoveryPointArn: 'arn:aws:backup:eu-central-1:111122223333:recovery-point:shop-1',
          resourceArn: DB,
          resourceType: 'RDS',
          region: 'eu-central-1',
          vaultName: 'shop-prod-dr',
          createdAt: '2026-03-01T00:00:00.000Z',
          completedAt: '2026-03-01T00:20:00.000Z',
          status: 'COMPLETED',
          encryptionKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/shop-euc1',
          sourceBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod',
        },
        exposureMs: 5_400_000,
        status: 'ok',
      },
      { resourceArn: ORDERS, currentArn: ORDERS, status: 'unprotected' },
    ],
    worstExposureMs: 5_400_000,
    status: 'unprotected',
    rpoTargetMs: 14_400_000,
    worstResourceArn: ORDERS,
    computedAt: '2026-03-01T01:30:00.000Z',
    nextBackupAt: '2026-03-01T03:00:00.000Z',
    intervalMs: 12_000_000,
    backupRunning: true,
    expectedBackupDurationMs: 1_800_000,
    protectionRegionDark: true,
    reason: `no completed recovery point of ${ORDERS} in eu-central-1`,
  };
}

/** A measurement with none of the optional parts. */
export function bareExposure(environment = 'shop-prod'): StoredExposure {
  return {
    environment,
    region: 'eu-central-1',
    perResource: [],
    status: 'ok',
    rpoTargetMs: 14_400_000,
    computedAt: '2026-03-01T02:00:00.000Z',
    expectedBackupDurationMs: 1_800_000,
  };
}

export function describeExposureStoreContract(name: string, makeStore: () => ExposureStore): void {
  describe(`ExposureStore contract: ${name}`, () => {
    let exposures: ExposureStore;
    beforeEach(() => {
      exposures = makeStore();
    });

    it('has nothing for an environment never measured', async () => {
      expect(await exposures.get('shop-prod')).toBeUndefined();
    });

    it('gives back the measurement put, every part of it', async () => {
      await exposures.put(fullExposure());
      expect(await exposures.get('shop-prod')).toEqual(fullExposure());
    });

    it('replaces a measurement whole: parts the new one lacks are gone', async () => {
      await exposures.put(fullExposure());
      await exposures.put(bareExposure());
      expect(await exposures.get('shop-prod')).toEqual(bareExposure());
    });

    it('hands out copies: changing one read changes nothing stored', async () => {
      await exposures.put(bareExposure());
      const read = await exposures.get('shop-prod');
      if (read) read.status = 'breached';
      expect((await exposures.get('shop-prod'))?.status).toBe('ok');
    });

    it('keeps environments apart', async () => {
      await exposures.put(fullExposure('shop-prod'));
      await exposures.put(bareExposure('intranet-prod'));
      expect(await exposures.get('shop-prod')).toEqual(fullExposure('shop-prod'));
      expect(await exposures.get('intranet-prod')).toEqual(bareExposure('intranet-prod'));
      expect(await exposures.get('payments-prod')).toBeUndefined();
    });
  });
}
