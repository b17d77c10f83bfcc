import { createBackupAdapter } from '../../../src/adapters/aws/backup-adapter';
import { createResourceDeleterAdapter } from '../../../src/adapters/aws/resource-deleter-adapter';
import { TERMINAL_JOB_STATES } from '../../../src/core/types';
import { metadataForRestore } from '../../ports/contracts/backup-port-contract';
import { pollUntil } from '../../ports/contracts/poll-until';
import {
  describeResourceDeleterPortContract,
  type ResourceDeleterContractWorld,
} from '../../ports/contracts/resource-deleter-port-contract';
import {
  EMULATOR_JOB_MS,
  startEmulatorHarness,
  type EmulatorHarness,
} from './support/emulator-harness';

let harness: EmulatorHarness;
let world: ResourceDeleterContractWorld;

interface SandboxResources {
  resources: { arn: string; status: 'available' | 'deleting' | 'deleted' }[];
}

beforeAll(async () => {
  harness = await startEmulatorHarness();
  const env = harness.environment('shop-prod');
  const region = env.recoveryRegion;
  const vaultName = env.backup.vaults[region] ?? '';
  const backup = createBackupAdapter(harness.clientOptions);
  let restores = 0;

  /** A restore of a seeded recovery point: the way a drill creates what the deleter removes. */
  async function createDisposable(resourceType: 'DynamoDB' | 'RDS'): Promise<string> {
    const resource = env.resources.find((r) => r.resourceType === resourceType);
    if (!resource) throw new Error(`shop-prod has no ${resourceType} resource`);
    const point = (await harness.control('POST', 'recovery-points', {
      region,
      vaultName,
      resourceArn: resource.arn,
      ageMs: 60_000,
    })) as { recoveryPointArn: string };
    const metadata = await backup.getRestoreMetadata(region, vaultName, point.recoveryPointArn);
    restores += 1;
    const { jobId } = await backup.startRestoreJob(region, {
      recoveryPointArn: point.recoveryPointArn,
      iamRoleArn: env.backup.roleArn,
      resourceType,
      metadata: metadataForRestore(
        metadata,
        `${resource.name}-drill-${restores}`,
        env.backup.kmsKeys[region],
      ),
      idempotencyToken: `deleter-contract-${restores}`,
    });
    const job = await pollUntil(
      () => backup.describeRestoreJob(region, jobId),
      (j) => TERMINAL_JOB_STATES.includes(j.state),
      { intervalMs: 25, timeoutMs: EMULATOR_JOB_MS * 40, what: `restore ${jobId}` },
    );
    if (job.state !== 'COMPLETED' || !job.createdResourceArn)
      throw new Error(`restore ended ${JSON.stringify(job)}`);
    return job.createdResourceArn;
  }

  world = {
    port: createResourceDeleterAdapter(harness.clientOptions),
    region,
    createDisposable,
    async exists(arn) {
      const state = (await harness.control('GET', 'state')) as SandboxResources;
      return state.resources.some((r) => r.arn === arn && r.status === 'available');
    },
  };
});

afterAll(async () => {
  await harness?.close();
});

describeResourceDeleterPortContract('AWS emulator', () => world);
