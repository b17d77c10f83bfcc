import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { canonicalJson } from '../core/canonical-json';
import { ErrorCode, LifeboatError } from '../errors';
import { configSchema, type RawConfig } from './config-schema';
import { prototypeKeyProblems } from './prototype-key-problems';
import { parseResourceArn } from './resource-arn';

// Imported from here before it moved to the core; new code imports it from src/core.

export interface ResourceConfig {
  /** The ARN as configured, in the primary region: the resource's identity for Lifeboat. */
  arn: string;
  /** AWS Backup's ResourceType (RDS, DynamoDB, …). */
  resourceType: string;
  name: string;
}

export interface DnsRecordConfig {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT';
  ttl: number;
  /** The record's value when traffic runs in each region. */
  values: Record<string, string>;
}

export interface EnvironmentConfig {
  name: string;
  primaryRegion: string;
  recoveryRegion: string;
  allowedRegions: string[];
  rpoMs: number;
  rtoMs: number;
  /** How often a drill runs on its own; undefined: only on request. */
  drillEveryMs?: number;
  accountId: string;
  backup: { roleArn: string; vaults: Record<string, string>; kmsKeys: Record<string, string> };
  resources: ResourceConfig[];
  dns: { hostedZoneId: string; records: DnsRecordConfig[]; healthChecks: Record<string, string> };
}

export interface Config {
  slack: { channel: string };
  approval: {
    requesters: string[];
    approvers: string[];
    minApprovers: number;
    expiresAfterMs: number;
  };
  environments: Record<string, EnvironmentConfig>;
  /** A short hash of the whole configuration; plans bind to it. */
  version: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses and validates a YAML configuration, listing every problem with its path. */
export function parseConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    return {
      ok: false,
      problems: [`the file is not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`],
    };
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    return {
      ok: false,
      problems: [
        'the file is not a YAML mapping; it needs the sections slack, approval and environments',
      ],
    };
  }
  const reserved = prototypeKeyProblems(raw);
  const result = configSchema.safeParse(raw ?? {}, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : undefined,
  });
  if (!result.success) {
    return {
      ok: false,
      problems: reserved.concat(
        result.error.issues.map((issue) => {
          const path = issue.path.map(String).join('.');
          // A record's bad key: its own rule's message says more than "Invalid key in record".
          const message =
            issue.code === 'invalid_key' && issue.issues.length > 0
              ? issue.issues.map((inner) => inner.message).join('; ')
              : issue.message;
          return path ? `${path}: ${message}` : message;
        }),
      ),
    };
  }
  if (reserved.length > 0) return { ok: false, problems: reserved };
  return { ok: true, config: normalize(result.data) };
}

/** Reads DR_CONFIG; throws one LifeboatError whose message lists every problem. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LifeboatError(
      ErrorCode.ConfigInvalid,
      `DR_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); set DR_CONFIG to the path of your configuration file`,
      { cause: error },
    );
  }
  const result = parseConfig(text);
  if (!result.ok) {
    throw new LifeboatError(
      ErrorCode.ConfigInvalid,
      `DR_CONFIG ${path} is invalid:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
      { meta: { problems: result.problems } },
    );
  }
  return result.config;
}

/**
 * A record looked up by names people type (environments, regions): no prototype, so
 * `constructor` or `toString` finds only what the file says.
 */
function ownRecord<T>(entries: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

function normalize(raw: RawConfig): Config {
  const environments = ownRecord<EnvironmentConfig>({});
  for (const [name, env] of Object.entries(raw.environments)) {
    environments[name] = {
      name,
      primaryRegion: env.primaryRegion,
      recoveryRegion: env.recoveryRegion,
      allowedRegions: env.allowedRegions,
      rpoMs: env.rpo,
      rtoMs: env.rto,
      ...(env.drill !== undefined ? { drillEveryMs: env.drill } : {}),
      accountId: env.backup.roleArn.split(':')[4] ?? '',
      backup: {
        roleArn: env.backup.roleArn,
        vaults: ownRecord(env.backup.vaults),
        kmsKeys: ownRecord(env.backup.kmsKeys),
      },
      resources: env.resources.map(({ arn }) => {
        const parsed = parseResourceArn(arn);
        return { arn, resourceType: parsed?.resourceType ?? 'unknown', name: parsed?.name ?? arn };
      }),
      dns: {
        ...env.dns,
        records: env.dns.records.map((record) => ({ ...record, values: ownRecord(record.values) })),
        healthChecks: ownRecord(env.dns.healthChecks),
      },
    };
  }
  const body = {
    slack: raw.slack,
    approval: {
      requesters: raw.approval.requesters,
      approvers: raw.approval.approvers,
      minApprovers: raw.approval.minApprovers,
      expiresAfterMs: raw.approval.expiresAfter,
    },
    environments,
  };
  const version = createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 12);
  return { ...body, version };
}
