import { createRoute53Adapter } from '../../../src/adapters/aws/route53-adapter';
import {
  describeHealthPortContract,
  type HealthContractWorld,
} from '../../ports/contracts/health-port-contract';
import {
  EMULATOR_JOB_MS,
  startEmulatorHarness,
  type EmulatorHarness,
} from './support/emulator-harness';

let harness: EmulatorHarness;
let world: HealthContractWorld;

beforeAll(async () => {
  harness = await startEmulatorHarness();
  const env = harness.environment('shop-prod');
  const region = env.recoveryRegion;
  world = {
    port: createRoute53Adapter(harness.clientOptions),
    healthCheckId: env.dns.healthChecks[region] ?? '',
    pollMs: 25,
    timeoutMs: EMULATOR_JOB_MS * 40,
    control: {
      setRegionUp: async (up) => {
        await harness.control('POST', `regions/${region}`, { up });
      },
    },
  };
});

afterAll(async () => {
  await harness?.close();
});

describeHealthPortContract('AWS emulator', () => world);
