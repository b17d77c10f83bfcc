import { createBackupAdapter } from '../../../src/adapters/aws/backup-adapter';
import { vaultArn } from '../../../src/config/resource-arn';
import {
  describeBackupPortContract,
  type BackupContractWorld,
} from '../../ports/contracts/backup-port-contract';
import {
  EMULATOR_JOB_MS,
  startEmulatorHarness,
  type EmulatorHarness,
} from './support/emulator-harness';

let harness: EmulatorHarness;
let world: BackupContractWorld;

beforeAll(async () => {
  harness = await startEmulatorHarness();
  const env = harness.environment('shop-prod');
  const resource = env.resources.find((r) => r.resourceType === 'DynamoDB');
  if (!resource) throw new Error('shop-prod has no DynamoDB table');
  const vault = (region: string) => env.backup.vaults[region] ?? '';
  world = {
    port: createBackupAdapter(harness.clientOptions),
    sourceRegion: env.primaryRegion,
    recoveryRegion: env.recoveryRegion,
    sourceVault: vault(env.primaryRegion),
    recoveryVault: vault(env.recoveryRegion),
    recoveryVaultArn: vaultArn(env.recoveryRegion, env.accountId, vault(env.recoveryRegion)),
    ...(env.backup.kmsKeys[env.recoveryRegion]
      ? { recoveryKmsKeyArn: env.backup.kmsKeys[env.recoveryRegion] }
      : {}),
    iamRoleArn: env.backup.roleArn,
    resourceArn: resource.arn,
    resourceType: resource.resourceType,
    pollMs: 25,
    jobTimeoutMs: EMULATOR_JOB_MS * 40,
    darkRegionBoundMs: 8_000,
    control: {
      failNextJob: async (rule) => {
        await harness.control('POST', 'faults', { failNext: [{ ...rule, state: 'FAILED' }] });
      },
      setRegion: async (region, input) => {
        await harness.control('POST', `regions/${region}`, input);
      },
    },
  };
});

afterAll(async () => {
  await harness?.close();
});

describeBackupPortContract('AWS emulator', () => world);
