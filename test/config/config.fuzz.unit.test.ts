import { canonicalJson } from '../../src/core/canonical-json';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { loadConfig, type Config } from '../../src/config/config';
import { ErrorCode, LifeboatError } from '../../src/errors';
import {
  validConfig,
  type ConfigDocument,
  type ValidConfigCase,
} from '../support/fuzz/config-document';
import { anyCodePoint, PROTOTYPE_NAMES } from '../support/fuzz/dr-command-text';

const SEED = 20_260_302;
// Thousands of generated cases take tens of seconds on a busy two-core machine; the suite's
// 60 s default is for one scenario.
jest.setTimeout(240_000);
const RUNS = 2_000;

type Path = (string | number)[];
type Expectation =
  | { kind: 'valid'; expected: ValidConfigCase['expected'] }
  /** The file is invalid and one problem names this path (or a path under it). */
  | { kind: 'problem-at'; path: string }
  /** Valid or not, as long as the answer is well formed. */
  | { kind: 'either' };

interface ConfigCase {
  mutation: string;
  text: string;
  /** The document the text was written from, when it was (not for damaged text). */
  document?: ConfigDocument;
  expect: Expectation;
}

const clone = (doc: ConfigDocument) => structuredClone(doc);

function at(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)?.[key],
    doc,
  );
}

function setAt(doc: unknown, path: Path, value: unknown): void {
  const parent = at(doc, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  if (value === undefined) delete parent[key];
  else
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** Every path in the document, containers and leaves. */
function paths(node: unknown, prefix: Path = []): Path[] {
  if (node === null || typeof node !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  return keys.flatMap((k) => {
    const child = (node as Record<string | number, unknown>)[k];
    return [[...prefix, k], ...paths(child, [...prefix, k])];
  });
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const dotted = (path: Path) => path.map(String).join('.');

/** Keys the loader fills in when absent. */
const OPTIONAL = new Set(['minApprovers', 'expiresAfter', 'drill', 'kmsKeys', 'ttl']);
/** Mappings whose keys the file chooses (names, regions): each is read, or refused. */
const isNameMapping = (path: Path) =>
  path.length === 1 && path[0] === 'environments'
    ? true
    : ['vaults', 'kmsKeys', 'healthChecks', 'values'].includes(String(path[path.length - 1]));

const BAD_DURATIONS = [
  '4 hours',
  '0m',
  '-1h',
  'P',
  'PT',
  '1y',
  '',
  '4H',
  'h4',
  'P0D',
  'PT-4H',
  '1e3h',
  'NaNh',
  'Infinityh',
  '99999999999999999999d',
  '100000000000h',
  'P999999Y',
  4,
  true,
  null,
];

const junkText = fc.string({ unit: anyCodePoint, maxLength: 4 });

const WRONG_VALUES: unknown[] = [123, -1, 1.5, true, null, 'text', [], ['x'], {}, { a: 1 }];

function mutations(valid: ValidConfigCase): fc.Arbitrary<ConfigCase> {
  const doc = valid.document;
  const all = paths(doc);
  const envNames = Object.keys(doc.environments as object);
  const yaml = (d: ConfigDocument) => stringify(d);
  const oneOf = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  const envPath = (name: string, ...rest: Path): Path => ['environments', name, ...rest];

  const cases: fc.Arbitrary<ConfigCase>[] = [
    fc.constant(null).map(() => ({
      mutation: 'valid',
      text: yaml(doc),
      document: doc,
      expect: { kind: 'valid', expected: valid.expected } as Expectation,
    })),
    fc.tuple(oneOf(all), oneOf(WRONG_VALUES)).map(([path, value]) => {
      const d = clone(doc);
      const original = at(d, path);
      setAt(d, path, value);
      // Only a value of another kind is a wrong type; a number where a duration may be a string is one.
      const wrong = kindOf(original) !== kindOf(value);
      return {
        mutation: 'wrong type',
        text: yaml(d),
        document: d,
        expect: wrong ? { kind: 'problem-at', path: dotted(path) } : { kind: 'either' },
      };
    }),
    fc.constantFrom(...all.filter((p) => typeof p[p.length - 1] === 'string')).map((path) => {
      const d = clone(doc);
      setAt(d, path, undefined);
      const key = String(path[path.length - 1]);
      const inNameMapping = isNameMapping(path.slice(0, -1));
      return {
        mutation: 'missing key',
        text: yaml(d),
        document: d,
        expect:
          OPTIONAL.has(key) || inNameMapping
            ? { kind: 'either' }
            : { kind: 'problem-at', path: dotted(path) },
      };
    }),
    fc
      .tuple(
        oneOf([[], ...all.filter((p) => kindOf(at(doc, p)) === 'object')]),
        oneOf(['foo', 'minApprover', 'approver', 'Rpo', 'extra-key', 'x'.repeat(300)]),
      )
      .map(([path, key]) => {
        const d = clone(doc);
        setAt(d, [...path, key], 'surprise');
        return { mutation: 'unknown key', text: yaml(d), document: d, expect: { kind: 'either' } };
      }),
    fc
      .tuple(
        oneOf([
          ['approval', 'expiresAfter'],
          ...envNames.flatMap((e) => [envPath(e, 'rpo'), envPath(e, 'rto'), envPath(e, 'drill')]),
        ]),
        oneOf(BAD_DURATIONS),
      )
      .map(([path, value]) => {
        const d = clone(doc);
        setAt(d, path, value);
        return {
          mutation: 'bad duration',
          text: yaml(d),
          document: d,
          expect: { kind: 'problem-at', path: dotted(path) },
        };
      }),
    fc
      .tuple(
        oneOf(envNames),
        oneOf(['recovery not allowed', 'primary allowed', 'not a region', 'bad primary']),
        oneOf(['mars-north-1', 'EU-WEST-1', 'eu-west', 'eu-west-01', 'eu--1']),
      )
      .map(([name, how, bogus]) => {
        const d = clone(doc);
        const env = at(d, envPath(name)) as Record<string, unknown>;
        const allowed = env.allowedRegions as string[];
        let path: Path;
        if (how === 'recovery not allowed') {
          env.recoveryRegion = 'ap-south-2';
          env.allowedRegions = allowed.filter((r) => r !== 'ap-south-2');
          path = envPath(name, 'recoveryRegion');
        } else if (how === 'primary allowed') {
          allowed.push(env.primaryRegion as string);
          path = envPath(name, 'allowedRegions');
        } else if (how === 'not a region') {
          allowed.push(bogus);
          path = envPath(name, 'allowedRegions');
        } else {
          env.primaryRegion = bogus;
          path = envPath(name, 'primaryRegion');
        }
        return {
          mutation: 'region not allowed',
          text: yaml(d),
          document: d,
          expect: { kind: 'problem-at', path: dotted(path) },
        };
      }),
    fc
      .tuple(oneOf(envNames), oneOf(['same key', 'same resource', 'same region']))
      .map(([name, how]) => {
        const d = clone(doc);
        const env = at(d, envPath(name)) as Record<string, unknown>;
        if (how === 'same key') {
          // A mapping cannot say it twice: the YAML parser refuses it, naming the line.
          const text = yaml(d);
          const block = stringify({ [name]: env }).replace(/^/gm, '  ');
          return {
            mutation: 'duplicate name',
            text: text.replace(/^environments:\n/m, `environments:\n${block}`),
            expect: { kind: 'either' } as Expectation,
          };
        }
        if (how === 'same resource')
          (env.resources as unknown[]).push((env.resources as unknown[])[0]);
        else (env.allowedRegions as string[]).push((env.allowedRegions as string[])[0] as string);
        return {
          mutation: 'duplicate name',
          text: yaml(d),
          document: d,
          expect: { kind: 'either' } as Expectation,
        };
      }),
    fc
      .tuple(
        oneOf(PROTOTYPE_NAMES),
        oneOf([
          ['environments'],
          ...all.filter((p) => isNameMapping(p)),
          ['approval'],
          ['slack'],
          ...envNames.map((e) => envPath(e)),
        ] as Path[]),
        fc.boolean(),
      )
      .map(([name, mapping, rename]) => {
        const d = clone(doc);
        const target = at(d, mapping) as Record<string, unknown>;
        const [first] = Object.keys(target);
        // Either an existing entry renamed (an environment called constructor) or one added.
        const value = rename && first !== undefined ? target[first] : (target[first ?? ''] ?? 'x');
        if (rename && first !== undefined) delete target[first];
        setAt(d, [...mapping, name], value);
        return {
          mutation: 'prototype name',
          text: yaml(d),
          document: d,
          expect: { kind: 'either' } as Expectation,
        };
      }),
    fc
      .tuple(fc.nat(), fc.constantFrom('truncate', 'insert', 'tabs', 'garbage'), junkText)
      .map(([offset, how, junk]) => {
        const text = yaml(doc);
        const i = offset % (text.length + 1);
        const changed =
          how === 'truncate'
            ? text.slice(0, i)
            : how === 'insert'
              ? text.slice(0, i) + junk + text.slice(i)
              : how === 'tabs'
                ? text.replace(/^ {2}/gm, '\t')
                : `${text}\n: : ${junk}\n- [`;
        return {
          mutation: 'text damage',
          text: changed,
          expect: { kind: 'either' } as Expectation,
        };
      }),
  ];
  return fc.oneof(...cases);
}

/** A problem names where it is (`environments.shop-prod.rpo: …`), or says the file is no YAML mapping. */
const PROBLEM =
  /^(?:(?:slack|approval|environments)(?:\.\S+?)?: \S|the file is not (?:valid YAML|a YAML mapping))/;

function problemPath(problem: string): string | undefined {
  return /^((?:slack|approval|environments)\S*?): /.exec(problem)?.[1];
}

/** The keys of every name mapping in the raw YAML, as `path` → keys. */
function nameMappings(raw: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: unknown, path: Path) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
      return;
    }
    if (isNameMapping(path)) found.set(dotted(path), Object.keys(node));
    for (const key of Object.keys(node))
      walk((node as Record<string, unknown>)[key], [...path, key]);
  };
  walk(raw, []);
  return found;
}

/** A check in the hot loop: jest's expect costs a stack trace per call, even when it passes. */
function must(ok: boolean, what: string, detail: unknown): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

/** What any Config the loader returns must be, whatever file it came from. */
function expectUsable(config: Config, raw: unknown): void {
  const { approval } = config;
  must(
    Number.isInteger(approval.minApprovers) && approval.minApprovers >= 1,
    'minApprovers is a whole number from 1',
    approval,
  );
  const now = Date.parse('2026-03-01T12:00:00.000Z');
  const durations: [string, number | undefined][] = [
    ['approval.expiresAfter', approval.expiresAfterMs],
  ];
  for (const [name, env] of Object.entries(config.environments)) {
    must(env.name === name, 'an environment knows its name', { name, env: env.name });
    must(env.allowedRegions.includes(env.recoveryRegion), 'the recovery region is allowed', env);
    must(!env.allowedRegions.includes(env.primaryRegion), 'the primary is not a target', env);
    for (const region of [env.primaryRegion, ...env.allowedRegions]) {
      must(Object.hasOwn(env.backup.vaults, region), 'a vault in every region', { name, region });
      must(Object.hasOwn(env.dns.healthChecks, region), 'a check in every region', { region });
    }
    durations.push(
      [`environments.${name}.rpo`, env.rpoMs],
      [`environments.${name}.rto`, env.rtoMs],
      [`environments.${name}.drill`, env.drillEveryMs],
    );
  }
  for (const [path, ms] of durations) {
    if (ms === undefined) continue;
    // A duration is used as an offset from now (an expiry, a deadline): it must stay a date.
    const usable = ms > 0 && Number.isFinite(new Date(now + ms).getTime());
    must(usable, 'a duration that now + duration is a date', { path, ms });
  }
  must(/^[0-9a-f]{12}$/.test(config.version), 'a version hash', config.version);
  // Nothing the file names is dropped without a word: each name is in the Config.
  for (const [path, keys] of nameMappings(raw)) {
    const mapping = path === 'environments' ? config.environments : lookupInConfig(config, path);
    for (const key of keys) {
      const read = mapping !== undefined && Object.hasOwn(mapping, key);
      must(read, 'a name in the file is in the Config, or refused', { path, key });
    }
  }
}

/** Where a raw name mapping (`environments.e.backup.vaults`) ends up in the Config. */
function lookupInConfig(config: Config, path: string): Record<string, unknown> | undefined {
  const parts = path.split('.');
  if (parts[0] !== 'environments' || parts.length < 3) return undefined;
  const env = config.environments[parts[1] ?? ''];
  if (!env || !Object.hasOwn(config.environments, parts[1] ?? '')) return undefined;
  return at(
    env,
    parts.slice(2).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  ) as Record<string, unknown> | undefined;
}

describe('the configuration loader under generated files', () => {
  // On a RAM disk where there is one: 2,000 files on a busy disk cost more than reading them.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'lifeboat-config-fuzz-'));
  const file = join(dir, 'dr.config.yaml');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`reads ${RUNS} generated files as a valid Config or as problems with their paths`, () => {
    const counts: Record<string, { valid: number; refused: number }> = {};
    let runs = 0;
    fc.assert(
      fc.property(
        validConfig.chain(mutations),
        ({ mutation, text, document, expect: expectation }) => {
          runs += 1;
          writeFileSync(file, text);
          let config: Config | undefined;
          let problems: string[] = [];
          try {
            config = loadConfig(file);
          } catch (error) {
            // The only way the loader says no: one ConfigInvalid error listing every problem.
            const refused =
              error instanceof LifeboatError && error.code === ErrorCode.ConfigInvalid;
            must(refused, 'the loader throws only ConfigInvalid', String(error));
            problems = (error as LifeboatError).meta.problems as string[];
          }
          const tally = (counts[mutation] ??= { valid: 0, refused: 0 });
          if (config) {
            tally.valid += 1;
            expectUsable(config, document ?? (parseYaml(text) as unknown));
            must(expectation.kind !== 'problem-at', 'a problem was expected', expectation);
            if (expectation.kind === 'valid') {
              const { expected } = expectation;
              const read = {
                minApprovers: config.approval.minApprovers,
                expiresAfterMs: config.approval.expiresAfterMs,
                environments: Object.fromEntries(
                  Object.values(config.environments).map((e) => [
                    e.name,
                    {
                      rpoMs: e.rpoMs,
                      rtoMs: e.rtoMs,
                      ...(e.drillEveryMs !== undefined ? { drillEveryMs: e.drillEveryMs } : {}),
                    },
                  ]),
                ),
              };
              const want = {
                ...expected,
                environments: JSON.parse(JSON.stringify(expected.environments)) as unknown,
              };
              must(
                canonicalJson(read) === canonicalJson(want),
                'the Config says what the file says',
                { read, want },
              );
            }
            return;
          }
          tally.refused += 1;
          must(
            Array.isArray(problems) && problems.length > 0,
            'a refusal lists problems',
            problems,
          );
          for (const problem of problems) {
            must(PROBLEM.test(problem), 'each problem names its path', problem);
          }
          must(expectation.kind !== 'valid', 'a valid file was refused', problems);
          if (expectation.kind === 'problem-at') {
            const named = problems.some((p) => {
              const path = problemPath(p);
              return path === expectation.path || path?.startsWith(`${expectation.path}.`) === true;
            });
            must(named, `a problem at ${expectation.path}`, problems);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`config fuzz: ${runs} files`, counts);
    expect(runs).toBe(RUNS);
    expect(Object.keys(counts).sort()).toEqual(
      [
        'bad duration',
        'duplicate name',
        'missing key',
        'prototype name',
        'region not allowed',
        'text damage',
        'unknown key',
        'valid',
        'wrong type',
      ].sort(),
    );
  });
});
