import { createBackupAdapter } from '../../../src/adapters/aws/backup-adapter';
import { idempotencyToken } from '../../../src/core/idempotency-token';
import { createRoute53Adapter } from '../../../src/adapters/aws/route53-adapter';
import { startEmulatorHarness, type EmulatorHarness } from './support/emulator-harness';

interface CallLog {
  calls: { operation: string; region: string; status: number; errorCode?: string }[];
}
interface SandboxState {
  backupJobs: { jobId: string; idempotencyToken?: string }[];
}

let harness: EmulatorHarness;

beforeAll(async () => {
  // Faults drawn from a fixed cycle: at a 0.3 rate every fourth call is throttled, never two in a
  // row, so the SDK's retry is exercised without its back-off growing past the test's time.
  let draw = 0;
  const cycle = [0.1, 0.9, 0.9, 0.9] as const;
  harness = await startEmulatorHarness({ random: () => cycle[draw++ % cycle.length] ?? 0.9 });
});

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  await harness.control('POST', 'reset');
});

describe('the AWS adapters on the wire (emulator)', () => {
  it('retries AWS throttling inside the SDK until the call succeeds', async () => {
    const env = harness.environment('shop-prod');
    const backup = createBackupAdapter({ ...harness.clientOptions, maxAttempts: 10 });
    await harness.control('POST', 'faults', { throttleRate: 0.3 });
    for (let i = 0; i < 8; i += 1) {
      await expect(
        backup.listRecoveryPoints(env.primaryRegion, env.backup.vaults[env.primaryRegion] ?? ''),
      ).resolves.toEqual([]);
    }
    const log = (await harness.control(
      'GET',
      'calls?operation=ListRecoveryPointsByBackupVault',
    )) as CallLog;
    expect(log.calls.filter((c) => c.status === 200)).toHaveLength(8);
    expect(log.calls.some((c) => c.errorCode === 'ThrottlingException')).toBe(true);
  });

  it('retries Route 53 throttling too', async () => {
    const env = harness.environment('shop-prod');
    const route53 = createRoute53Adapter({ ...harness.clientOptions, maxAttempts: 10 });
    await harness.control('POST', 'faults', { throttleRate: 0.3 });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        route53.getHealthCheckStatus(env.dns.healthChecks[env.primaryRegion] ?? ''),
      ).resolves.toMatchObject({
        healthy: true,
      });
    }
  });

  it('sends the idempotency token as AWS receives it', async () => {
    const env = harness.environment('shop-prod');
    const resource = env.resources[0];
    if (!resource) throw new Error('no resource');
    const token = idempotencyToken('op-wire', 'backup', resource.arn);
    const { jobId } = await createBackupAdapter(harness.clientOptions).startBackupJob(
      env.primaryRegion,
      {
        vaultName: env.backup.vaults[env.primaryRegion] ?? '',
        resourceArn: resource.arn,
        iamRoleArn: env.backup.roleArn,
        idempotencyToken: token,
      },
    );
    const state = (await harness.control('GET', 'state')) as SandboxState;
    expect(state.backupJobs.find((j) => j.jobId === jobId)?.idempotencyToken).toBe(token);
  });

  it('signs each call for the region it is about', async () => {
    const env = harness.environment('payments-prod');
    const backup = createBackupAdapter(harness.clientOptions);
    await backup.listRecoveryPoints(
      env.recoveryRegion,
      env.backup.vaults[env.recoveryRegion] ?? '',
    );
    await createRoute53Adapter(harness.clientOptions)
      .getChange('C-none')
      .catch(() => undefined);
    const log = (await harness.control('GET', 'calls')) as CallLog;
    expect(log.calls.map((c) => [c.operation, c.region])).toEqual([
      ['ListRecoveryPointsByBackupVault', env.recoveryRegion],
      ['GetChange', 'us-east-1'],
    ]);
  });
});
