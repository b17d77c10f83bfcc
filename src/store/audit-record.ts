import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../core/canonical-json';
import { ErrorCode, LifeboatError } from '../errors';

/** One entry of the audit log, as a use case appends it. */
export interface AuditEntry {
  /** e.g. command, vote, denial, refusal, operation.step, operation.finished, alert, backup. */
  type: string;
  /** A Slack user id, or `lifeboat` for the bot's own acts. */
  actor: string;
  at: string;
  environment?: string;
  operationId?: string;
  /** One line a person can read. */
  summary: string;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  /** The entry id (`ms-seq`): ordered, unique. */
  id: string;
}

/** `written`: the entry is in the log under `id`. `counted`: a refusal beyond its actor's allowance. */
export type AuditAppendResult = { status: 'written'; id: string } | { status: 'counted' };

export interface AuditReadOptions {
  /** ISO-8601: entries appended at or after. */
  since?: string;
  environment?: string;
  operationId?: string;
  /** Default 50. */
  limit?: number;
  /** Default newest first. */
  order?: 'asc' | 'desc';
}

/** Filters and pages shared by both stores: whether an entry is wanted. */
export function auditEntryMatches(entry: AuditEntry, options: AuditReadOptions): boolean {
  if (options.environment && entry.environment !== options.environment) return false;
  if (options.operationId && entry.operationId !== options.operationId) return false;
  return true;
}

/** What the first entry of a chain is chained to when nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One entry as it is stored: string fields, like a Redis stream entry. `entry` is the canonical
 * JSON of the AuditEntry; `n` counts from 1; `prev` and `prevId` are the hash and id of the entry
 * before (GENESIS_HASH and '' for the first); `hash` is `auditRecordHash` of the four.
 */
export interface RawAuditRecord {
  id: string;
  fields: Record<string, string>;
}

/** The newest entry of the chain (`head`) or the newest one retention removed (`anchor`). */
export interface AuditChainLink {
  hash: string;
  n: number;
  /** The entry's id; '' for the genesis. */
  id: string;
  /** The entry's time, when known. */
  at?: string;
}

export const GENESIS: AuditChainLink = { hash: GENESIS_HASH, n: 0, id: '' };

export const auditEntrySchema = z.looseObject({
  type: z.string(),
  actor: z.string(),
  at: z.string(),
  environment: z.string().optional(),
  operationId: z.string().optional(),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const chainFieldsSchema = z.object({
  entry: z.string(),
  n: z.string().regex(/^[1-9]\d*$/),
  prev: hex64,
  prevId: z.string(),
  hash: hex64,
});

const linkSchema = z.object({
  hash: hex64,
  n: z.string().regex(/^\d+$/),
  id: z.string(),
  at: z.string().optional(),
});

/** sha256 (hex) of the canonical JSON of `{ entry, n, prev, prevId }`. */
export function auditRecordHash(record: {
  entry: unknown;
  n: number;
  prev: string;
  prevId: string;
}): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** The stored fields of `entry` chained after `prev`. */
export function sealAuditRecord(
  entry: AuditEntry,
  prev: AuditChainLink,
): { fields: Record<string, string>; link: Omit<AuditChainLink, 'id'> } {
  // Through JSON first, so what is hashed is exactly what a reader parses back.
  const normal = JSON.parse(JSON.stringify(entry)) as unknown;
  const n = prev.n + 1;
  const hash = auditRecordHash({ entry: normal, n, prev: prev.hash, prevId: prev.id });
  return {
    fields: {
      entry: canonicalJson(normal),
      n: String(n),
      prev: prev.hash,
      prevId: prev.id,
      hash,
    },
    link: { hash, n, at: entry.at },
  };
}

export type ParsedAuditRecord =
  | {
      ok: true;
      legacy: false;
      entry: AuditEntry;
      n: number;
      prev: string;
      prevId: string;
      hash: string;
    }
  | { ok: true; legacy: true; entry: AuditEntry }
  | { ok: false; entry?: AuditEntry; problem: string };

function parseEntryJson(
  json: string,
): { ok: true; entry: AuditEntry } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'its entry is not JSON' };
  }
  const parsed = auditEntrySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `its entry does not parse (${issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid'})`,
    };
  }
  return { ok: true, entry: parsed.data as AuditEntry };
}

/**
 * A stored record read back: chained, legacy (written before the chain existed: an entry and
 * nothing else), or not parseable, with what is wrong.
 */
export function parseAuditRecord(record: RawAuditRecord): ParsedAuditRecord {
  const { fields } = record;
  if (fields.entry === undefined) return { ok: false, problem: 'it has no entry field' };
  const entry = parseEntryJson(fields.entry);
  if (!entry.ok) return entry;
  const chainKeys = ['n', 'prev', 'prevId', 'hash'].filter((k) => fields[k] !== undefined);
  if (chainKeys.length === 0) return { ok: true, legacy: true, entry: entry.entry };
  const chain = chainFieldsSchema.safeParse(fields);
  if (!chain.success) {
    const issue = chain.error.issues[0];
    return {
      ok: false,
      entry: entry.entry,
      problem: `its chain fields do not parse (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`,
    };
  }
  return {
    ok: true,
    legacy: false,
    entry: entry.entry,
    n: Number(chain.data.n),
    prev: chain.data.prev,
    prevId: chain.data.prevId,
    hash: chain.data.hash,
  };
}

/** The entry of a record for a reader; one that does not parse is an error naming where it is. */
export function readAuditEntry(record: RawAuditRecord, key: string): AuditEntry {
  const fields = record.fields.entry;
  const parsed =
    fields === undefined
      ? ({ ok: false, problem: 'it has no entry field' } as const)
      : parseEntryJson(fields);
  if (!parsed.ok) {
    throw new LifeboatError(
      ErrorCode.Internal,
      `audit entry ${record.id} of ${key} cannot be read: ${parsed.problem}; \`npm run audit -- --verify\` checks the whole log`,
      { meta: { key, id: record.id } },
    );
  }
  return parsed.entry;
}

/** A head or anchor hash read back (undefined when absent); one that does not parse is an error. */
export function parseChainLink(
  fields: Record<string, string>,
  key: string,
): AuditChainLink | undefined {
  if (Object.keys(fields).length === 0) return undefined;
  const parsed = linkSchema.safeParse(fields);
  if (!parsed.success) {
    throw new LifeboatError(
      ErrorCode.Internal,
      `${key} does not parse as a link of the audit chain (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      { meta: { key } },
    );
  }
  return {
    hash: parsed.data.hash,
    n: Number(parsed.data.n),
    id: parsed.data.id,
    ...(parsed.data.at ? { at: parsed.data.at } : {}),
  };
}
