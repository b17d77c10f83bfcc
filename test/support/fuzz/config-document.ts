import fc from 'fast-check';

/** A configuration as written in YAML, before the loader reads it. */
export type ConfigDocument = Record<string, unknown>;

export const REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'eu-north-1',
  'us-east-1',
  'us-west-2',
  'ap-northeast-1',
  'us-gov-west-1',
] as const;

/** What the duration parser reads, with the milliseconds it must read. */
const DURATIONS: readonly [string, number][] = [
  ['30m', 30 * 60_000],
  ['4h', 4 * 3_600_000],
  ['24h', 24 * 3_600_000],
  ['90s', 90_000],
  ['1.5h', 5_400_000],
  ['7d', 7 * 86_400_000],
  ['2w', 14 * 86_400_000],
  ['PT4H', 4 * 3_600_000],
  ['P1D', 86_400_000],
  ['PT30M', 30 * 60_000],
  ['500ms', 500],
];

export const duration = fc.constantFrom(...DURATIONS);

const principal = fc.oneof(
  fc.stringMatching(/^U[A-Z0-9]{2,10}$/),
  fc.stringMatching(/^W[A-Z0-9]{2,10}$/),
  fc.stringMatching(/^@[a-z0-9._-]{1,12}$/),
);

const environmentName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);

const account = fc.stringMatching(/^\d{12}$/);

// Built once: a stringMatching arbitrary is costly to build, cheap to draw from.
const rdsName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const tableName = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,12}$/);
const hexId = fc.stringMatching(/^[a-f0-9]{8}$/);
const bucketName = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{2,12}$/);
const vaultName = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const recordName = fc.stringMatching(/^[a-z]{1,8}\.example\.com$/);
const recordValue = fc.stringMatching(/^[a-z0-9.-]{1,20}$/);
const healthCheckId = fc.stringMatching(/^hc-[a-z0-9]{1,8}$/);

function resourceArn(region: string, accountId: string): fc.Arbitrary<string> {
  return fc.oneof(
    rdsName.map((n) => `arn:aws:rds:${region}:${accountId}:db:${n}`),
    rdsName.map((n) => `arn:aws:rds:${region}:${accountId}:cluster:${n}`),
    tableName.map((n) => `arn:aws:dynamodb:${region}:${accountId}:table/${n}`),
    hexId.map((n) => `arn:aws:ec2:${region}:${accountId}:volume/vol-${n}`),
    hexId.map((n) => `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/fs-${n}`),
    bucketName.map((n) => `arn:aws:s3:::${n}`),
  );
}

const perRegion = <T>(regions: readonly string[], value: fc.Arbitrary<T>) =>
  fc
    .tuple(...regions.map(() => value))
    .map((values) => Object.fromEntries(regions.map((r, i) => [r, values[i]])));

/** One environment: a primary, the regions it may fail over to, and everything per region. */
const environment = fc
  .tuple(
    fc.shuffledSubarray([...REGIONS], { minLength: 2, maxLength: 4 }),
    account,
    duration,
    duration,
    fc.option(duration, { nil: undefined }),
    fc.boolean(),
  )
  .chain(([regions, accountId, rpo, rto, drill, withKms]) => {
    const [primary, ...allowed] = regions as [string, ...string[]];
    const all = [primary, ...allowed];
    return fc
      .record({
        recovery: fc.constantFrom(...allowed),
        vaults: perRegion(all, vaultName),
        kmsKeys: withKms
          ? perRegion(allowed, fc.constant('arn:aws:kms:x:111122223333:key/k'))
          : fc.constant(undefined),
        resources: fc.array(resourceArn(primary, accountId), { minLength: 1, maxLength: 3 }),
        records: fc.array(
          fc.record({
            name: recordName,
            type: fc.constantFrom('A', 'AAAA', 'CNAME', 'TXT'),
            ttl: fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }),
            values: perRegion(all, recordValue),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        healthChecks: perRegion(all, healthCheckId),
      })
      .map((e) => ({
        document: {
          primaryRegion: primary,
          recoveryRegion: e.recovery,
          allowedRegions: allowed,
          rpo: rpo[0],
          rto: rto[0],
          ...(drill ? { drill: drill[0] } : {}),
          backup: {
            roleArn: `arn:aws:iam::${accountId}:role/lifeboat-backup`,
            vaults: e.vaults,
            ...(e.kmsKeys ? { kmsKeys: e.kmsKeys } : {}),
          },
          resources: e.resources.map((arn) => ({ arn })),
          dns: {
            hostedZoneId: 'Z0ZONE',
            records: e.records.map(({ ttl, ...r }) => (ttl === undefined ? r : { ...r, ttl })),
            healthChecks: e.healthChecks,
          },
        },
        expected: { rpoMs: rpo[1], rtoMs: rto[1], drillEveryMs: drill?.[1] },
      }));
  });

export interface ValidConfigCase {
  document: ConfigDocument;
  /** What the loader must make of it. */
  expected: {
    minApprovers: number;
    expiresAfterMs: number;
    environments: Record<string, { rpoMs: number; rtoMs: number; drillEveryMs?: number }>;
  };
}

/** A configuration that the contract says is valid, with what the loader must read from it. */
export const validConfig: fc.Arbitrary<ValidConfigCase> = fc
  .record({
    channel: fc.stringMatching(/^C[A-Z0-9]{8}$/),
    requesters: fc.array(principal, { minLength: 1, maxLength: 4 }),
    approvers: fc.array(principal, { minLength: 1, maxLength: 4 }),
    minApprovers: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    expiresAfter: fc.option(duration, { nil: undefined }),
    environments: fc.uniqueArray(fc.tuple(environmentName, environment), {
      minLength: 1,
      maxLength: 3,
      selector: ([name]) => name,
    }),
  })
  .map((c) => ({
    document: {
      slack: { channel: c.channel },
      approval: {
        requesters: c.requesters,
        approvers: c.approvers,
        ...(c.minApprovers !== undefined ? { minApprovers: c.minApprovers } : {}),
        ...(c.expiresAfter ? { expiresAfter: c.expiresAfter[0] } : {}),
      },
      environments: Object.fromEntries(c.environments.map(([name, e]) => [name, e.document])),
    },
    expected: {
      minApprovers: c.minApprovers ?? 1,
      expiresAfterMs: c.expiresAfter?.[1] ?? 30 * 60_000,
      environments: Object.fromEntries(c.environments.map(([name, e]) => [name, e.expected])),
    },
  }));
