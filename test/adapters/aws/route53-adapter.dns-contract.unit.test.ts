import { createRoute53Adapter } from '../../../src/adapters/aws/route53-adapter';
import {
  describeDnsPortContract,
  type DnsContractWorld,
} from '../../ports/contracts/dns-port-contract';
import {
  EMULATOR_JOB_MS,
  startEmulatorHarness,
  type EmulatorHarness,
} from './support/emulator-harness';

let harness: EmulatorHarness;
let world: DnsContractWorld;

beforeAll(async () => {
  harness = await startEmulatorHarness();
  const env = harness.environment('shop-prod');
  const [record] = env.dns.records;
  if (!record) throw new Error('shop-prod has no DNS record');
  world = {
    port: createRoute53Adapter(harness.clientOptions),
    hostedZoneId: env.dns.hostedZoneId,
    record: { name: record.name, type: record.type, ttl: record.ttl },
    newValue: record.values[env.recoveryRegion] ?? 'recovery.example.com',
    pollMs: 25,
    changeTimeoutMs: EMULATOR_JOB_MS * 40,
  };
});

afterAll(async () => {
  await harness?.close();
});

describeDnsPortContract('AWS emulator', () => world);
