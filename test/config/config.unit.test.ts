import { canonicalJson } from '../../src/core/canonical-json';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadConfig, parseConfig } from '../../src/config/config';
import { ErrorCode, LifeboatError } from '../../src/errors';

const SANDBOX_PATH = join(__dirname, '../../config/sandbox.yaml');
const SANDBOX = readFileSync(SANDBOX_PATH, 'utf8');
const HOUR = 3_600_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
/** The sandbox configuration, changed by `edit`, as YAML. */
function variant(edit: (doc: Doc) => void): string {
  const doc = parse(SANDBOX) as Doc;
  edit(doc);
  return stringify(doc);
}
function problemsOf(text: string): string[] {
  const result = parseConfig(text);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

describe('parseConfig: the sandbox example', () => {
  const result = parseConfig(SANDBOX);

  it('is valid and normalized', () => {
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.slack.channel).toBe('C0DRCHANNEL');
    expect(config.approval).toEqual({
      requesters: ['U0ALICE', 'U0BOB', '@oncall'],
      approvers: ['U0BOB', 'U0CAROL', '@dr-approvers'],
      minApprovers: 1,
      expiresAfterMs: 30 * 60_000,
    });
    expect(Object.keys(config.environments)).toEqual([
      'shop-prod',
      'payments-prod',
      'intranet-prod',
    ]);
    expect(config.environments['shop-prod']).toMatchObject({
      name: 'shop-prod',
      primaryRegion: 'eu-west-1',
      recoveryRegion: 'eu-central-1',
      rpoMs: 4 * HOUR,
      rtoMs: 24 * HOUR,
      drillEveryMs: 30 * 24 * HOUR,
      accountId: '111122223333',
    });
    expect(config.environments['shop-prod']?.resources[0]).toEqual({
      arn: 'arn:aws:rds:eu-west-1:111122223333:db:shop',
      resourceType: 'RDS',
      name: 'shop',
    });
    expect(config.environments['intranet-prod']).toMatchObject({
      rpoMs: 24 * HOUR,
      rtoMs: 48 * HOUR,
    });
    expect(config.environments['intranet-prod']?.drillEveryMs).toBeUndefined();
    expect(config.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('applies defaults: minApprovers 1, expiresAfter 30m, ttl 60, no KMS keys', () => {
    const result = parseConfig(
      variant((doc) => {
        delete doc.approval.minApprovers;
        delete doc.approval.expiresAfter;
        delete doc.environments['shop-prod'].dns.records[0].ttl;
        delete doc.environments['shop-prod'].backup.kmsKeys;
      }),
    );
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.approval).toMatchObject({ minApprovers: 1, expiresAfterMs: 30 * 60_000 });
    expect(result.config.environments['shop-prod']?.dns.records[0]?.ttl).toBe(60);
    expect(result.config.environments['shop-prod']?.backup.kmsKeys).toEqual({});
  });
});

describe('parseConfig: durations', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['4h', 4 * HOUR],
    ['24h', 24 * HOUR],
    ['PT4H', 4 * HOUR],
    ['P1D', 24 * HOUR],
  ])('rpo %s → %d ms', (rpo, rpoMs) => {
    const result = parseConfig(variant((doc) => (doc.environments['shop-prod'].rpo = rpo)));
    expect(result).toMatchObject({
      ok: true,
      config: { environments: { 'shop-prod': { rpoMs } } },
    });
  });

  it('rejects "4 hours" with the fix', () => {
    expect(problemsOf(variant((doc) => (doc.environments['shop-prod'].rpo = '4 hours')))).toEqual([
      'environments.shop-prod.rpo: "4 hours" is not a duration; write 4h or PT4H',
    ]);
  });

  it.each([
    [
      'a bare number',
      14400,
      'environments.shop-prod.rto: 14400 is not a duration; write 4h or PT4H',
    ],
    ['zero', '0m', 'environments.shop-prod.rto: "0m" is not a duration; write 4h or PT4H'],
  ])('rejects %s', (_case, rto, problem) => {
    expect(problemsOf(variant((doc) => (doc.environments['shop-prod'].rto = rto)))).toEqual([
      problem,
    ]);
  });

  it('checks expiresAfter and drill too', () => {
    expect(
      problemsOf(
        variant((doc) => {
          doc.approval.expiresAfter = 'half an hour';
          doc.environments['shop-prod'].drill = 'monthly';
        }),
      ),
    ).toEqual([
      'approval.expiresAfter: "half an hour" is not a duration; write 4h or PT4H',
      'environments.shop-prod.drill: "monthly" is not a duration; write 4h or PT4H',
    ]);
  });
});

describe('parseConfig: rules, each problem with its path', () => {
  it.each<[string, (doc: Doc) => void, string[]]>([
    [
      'recovery region outside allowedRegions',
      (doc) => (doc.environments['payments-prod'].recoveryRegion = 'us-east-2'),
      [
        'environments.payments-prod.recoveryRegion: us-east-2 is not in allowedRegions; add it there or choose one of us-west-2',
      ],
    ],
    [
      'the primary among allowedRegions',
      (doc) => doc.environments['intranet-prod'].allowedRegions.push('eu-west-1'),
      [
        'environments.intranet-prod.allowedRegions: lists the primary region eu-west-1; allowedRegions are the regions to fail over to',
      ],
    ],
    [
      'an allowed region without a vault',
      (doc) => delete doc.environments['shop-prod'].backup.vaults['eu-north-1'],
      ['environments.shop-prod.backup.vaults: has no vault for eu-north-1'],
    ],
    [
      'the primary region without a vault',
      (doc) => delete doc.environments['payments-prod'].backup.vaults['us-east-1'],
      ['environments.payments-prod.backup.vaults: has no vault for us-east-1'],
    ],
    [
      'a record without a value for an allowed region',
      (doc) => delete doc.environments['shop-prod'].dns.records[1].values['eu-north-1'],
      [
        'environments.shop-prod.dns.records.1.values: has no value of api.shop.example.com for eu-north-1',
      ],
    ],
    [
      'a region without a health check',
      (doc) => delete doc.environments['intranet-prod'].dns.healthChecks['eu-north-1'],
      ['environments.intranet-prod.dns.healthChecks: has no health check for eu-north-1'],
    ],
    [
      'a resource outside the primary region',
      (doc) =>
        (doc.environments['shop-prod'].resources[1].arn =
          'arn:aws:dynamodb:eu-central-1:111122223333:table/orders'),
      [
        'environments.shop-prod.resources.1.arn: is in eu-central-1, not in the primary region eu-west-1',
      ],
    ],
    [
      'a resource AWS Backup does not protect',
      (doc) =>
        (doc.environments['shop-prod'].resources[0].arn =
          'arn:aws:lambda:eu-west-1:111122223333:function:f'),
      [
        'environments.shop-prod.resources.0.arn: arn:aws:lambda:eu-west-1:111122223333:function:f is not a resource ARN AWS Backup protects (RDS, Aurora, DynamoDB, EBS, EC2, EFS, S3)',
      ],
    ],
    [
      'no resources',
      (doc) => (doc.environments['intranet-prod'].resources = []),
      ['environments.intranet-prod.resources: lists no resources; add at least one resource ARN'],
    ],
    [
      'a region name that is not one',
      (doc) => (doc.environments['payments-prod'].allowedRegions = ['us-west-2', 'Oregon']),
      ['environments.payments-prod.allowedRegions.1: is not an AWS region name (e.g. eu-west-1)'],
    ],
    [
      'a role that is not an IAM role ARN',
      (doc) => (doc.environments['payments-prod'].backup.roleArn = 'lifeboat-backup'),
      [
        'environments.payments-prod.backup.roleArn: is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
      ],
    ],
    [
      'an approver that is neither a user nor a group',
      (doc) => doc.approval.approvers.push('carol@example.com'),
      ['approval.approvers.3: is neither a Slack user id (U…) nor a user-group handle (@oncall)'],
    ],
    [
      'an environment name with capitals',
      (doc) => {
        doc.environments.ShopProd = doc.environments['shop-prod'];
        delete doc.environments['shop-prod'];
      },
      ['environments.ShopProd: environment names are lower-case words joined by -'],
    ],
  ])('%s', (_case, edit, problems) => {
    expect(problemsOf(variant(edit))).toEqual(problems);
  });

  it('lists every problem at once, field and cross-field, across environments', () => {
    const problems = problemsOf(
      variant((doc) => {
        doc.environments['shop-prod'].rpo = '4 hours';
        doc.environments['shop-prod'].resources[0].arn =
          'arn:aws:rds:us-east-1:111122223333:db:shop';
        doc.environments['payments-prod'].recoveryRegion = 'us-east-2';
        delete doc.environments['intranet-prod'].dns.healthChecks['eu-west-1'];
        delete doc.slack;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'environments.shop-prod.rpo: "4 hours" is not a duration; write 4h or PT4H',
        'environments.shop-prod.resources.0.arn: is in us-east-1, not in the primary region eu-west-1',
        expect.stringMatching(
          /^environments\.payments-prod\.recoveryRegion: us-east-2 is not in allowedRegions/,
        ),
        'environments.intranet-prod.dns.healthChecks: has no health check for eu-west-1',
        expect.stringMatching(/^slack: /),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('names the missing sections of an empty file', () => {
    expect(problemsOf('')).toEqual([
      'slack: is missing',
      'approval: is missing',
      'environments: is missing',
    ]);
    expect(problemsOf(variant((doc) => delete doc.environments['shop-prod'].dns))).toEqual([
      'environments.shop-prod.dns: is missing',
    ]);
  });

  it.each([
    ['a list', '- 1\n- 2\n'],
    ['a string', 'hello\n'],
  ])('refuses %s at the top', (_case, text) => {
    expect(problemsOf(text)).toEqual([
      'the file is not a YAML mapping; it needs the sections slack, approval and environments',
    ]);
  });

  it('explains a bad region key', () => {
    expect(
      problemsOf(
        variant((doc) => (doc.environments['payments-prod'].backup.vaults['us-west2'] = 'x')),
      ),
    ).toEqual([
      'environments.payments-prod.backup.vaults.us-west2: is not an AWS region name (e.g. eu-west-1)',
    ]);
  });

  it('refuses invalid YAML with its line', () => {
    expect(problemsOf('slack:\n  channel: [C0DR\napproval: {}\n')).toEqual([
      expect.stringMatching(/^the file is not valid YAML \(line \d+\): /),
    ]);
  });

  it('refuses duplicate keys as invalid YAML', () => {
    expect(problemsOf('slack: {channel: A}\nslack: {channel: B}\n')).toEqual([
      expect.stringMatching(/^the file is not valid YAML/),
    ]);
  });
});

describe('parseConfig: version', () => {
  const versionOf = (text: string) => {
    const result = parseConfig(text);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    return result.config.version;
  };

  it('does not depend on key order, comments or spelling of durations', () => {
    const reordered = variant((doc) => {
      const env = doc.environments['shop-prod'];
      doc.environments['shop-prod'] = Object.fromEntries(Object.entries(env).reverse());
      doc.approval = Object.fromEntries(Object.entries(doc.approval).reverse());
      doc.environments['shop-prod'].rpo = 'PT4H';
    });
    expect(versionOf(reordered)).toBe(versionOf(SANDBOX));
    expect(versionOf(`# a comment\n${SANDBOX}`)).toBe(versionOf(SANDBOX));
  });

  it('changes with any setting', () => {
    const base = versionOf(SANDBOX);
    expect(versionOf(variant((doc) => (doc.environments['shop-prod'].rpo = '24h')))).not.toBe(base);
    expect(versionOf(variant((doc) => (doc.approval.minApprovers = 2)))).not.toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[2,1]},"b":1}',
    );
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-config-'));

  it('loads a valid file', () => {
    expect(loadConfig(SANDBOX_PATH).environments['shop-prod']?.rpoMs).toBe(4 * HOUR);
  });

  it('says how to fix a missing file', () => {
    const path = join(dir, 'missing.yaml');
    expect(() => loadConfig(path)).toThrow(
      `DR_CONFIG: cannot read ${path} (ENOENT); set DR_CONFIG to the path of your configuration file`,
    );
    expect(() => loadConfig(path)).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid }) as unknown as Error,
    );
  });

  it('lists every problem of an invalid file in one error', () => {
    const path = join(dir, 'invalid.yaml');
    writeFileSync(
      path,
      variant((doc) => {
        doc.environments['shop-prod'].rpo = '4 hours';
        doc.environments['shop-prod'].recoveryRegion = 'us-east-1';
      }),
    );
    let error: unknown;
    try {
      loadConfig(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LifeboatError);
    expect(error).toMatchObject({ code: 'config_invalid', meta: { problems: expect.any(Array) } });
    expect((error as Error).message).toBe(
      [
        `DR_CONFIG ${path} is invalid:`,
        '  - environments.shop-prod.rpo: "4 hours" is not a duration; write 4h or PT4H',
        '  - environments.shop-prod.recoveryRegion: us-east-1 is not in allowedRegions; add it there or choose one of eu-central-1, eu-north-1',
      ].join('\n'),
    );
  });
});

describe('parseConfig: names looked up by what people type', () => {
  it('takes an environment called constructor like any other, and nothing inherited', () => {
    const result = parseConfig(SANDBOX.replace('  intranet-prod:\n', '  constructor:\n'));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { environments } = result.config;
    expect(environments['constructor']?.name).toBe('constructor');
    for (const name of ['toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(environments[name]).toBeUndefined();
    }
    const shop = environments['shop-prod'];
    expect(shop?.backup.vaults['constructor']).toBeUndefined();
    expect(shop?.dns.healthChecks['toString']).toBeUndefined();
    expect(shop?.dns.records[0]?.values['__proto__']).toBeUndefined();
    expect(shop?.backup.kmsKeys['valueOf']).toBeUndefined();
  });

  it('refuses __proto__ as a key anywhere, with its path, rather than drop it silently', () => {
    expect(problemsOf(SANDBOX.replace('  intranet-prod:\n', '  __proto__:\n'))).toEqual([
      'environments.__proto__: "__proto__" is not a name Lifeboat takes; rename it',
    ]);
    expect(
      problemsOf(
        SANDBOX.replace(
          'vaults: { eu-west-1: shop-prod,',
          'vaults: { __proto__: x, eu-west-1: shop-prod,',
        ),
      ),
    ).toContain(
      'environments.shop-prod.backup.vaults.__proto__: "__proto__" is not a name Lifeboat takes; rename it',
    );
  });

  it('takes Slack ids only as Slack writes them: upper case', () => {
    expect(problemsOf(variant((doc) => (doc.approval.approvers = ['u0bob', 'U0CAROL'])))).toEqual([
      'approval.approvers.0: "u0bob" is not a Slack user id as Slack writes it; did you mean U0BOB?',
    ]);
    expect(problemsOf(variant((doc) => (doc.slack.channel = 'c0drchannel')))).toEqual([
      'slack.channel: "c0drchannel" is not a Slack channel id as Slack writes it; did you mean C0DRCHANNEL?',
    ]);
    expect(problemsOf(variant((doc) => (doc.slack.channel = '#incident')))).toEqual([
      'slack.channel: "#incident" is not a channel id; give the id (C…) from the channel\'s details in Slack',
    ]);
    // Slack matches user-group handles whatever their case.
    expect(parseConfig(variant((doc) => (doc.approval.approvers = ['@DR-Approvers']))).ok).toBe(
      true,
    );
  });
});
