import {
  auditEntryMatches,
  type AuditEntry,
  type AuditLog,
  type StoredAuditEntry,
} from '../audit-log';
import { resolveAuditLogOptions, type AuditLogOptions } from '../audit-log-options';
import {
  GENESIS,
  readAuditEntry,
  sealAuditRecord,
  type AuditChainLink,
  type RawAuditRecord,
} from '../audit-record';
import {
  FLUSHES_PER_APPEND,
  planAuditAppend,
  withLoggedActor,
  type RefusalWindow,
} from '../plan-audit-append';
import { verifyAuditChain } from '../verify-audit-chain';

/** The audit log in memory, with its stored records open to a test that tampers with them. */
export interface MemoryAuditLog extends AuditLog {
  /** The stored records, oldest first, as the Redis stream holds them. */
  readonly records: RawAuditRecord[];
}

const KEY = 'memory:audit';
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*)?Z$/;

/** The time retention judges a record by: its entry's `at`, else its id's, as the Redis script does. */
function auditRecordTime(record: RawAuditRecord): { ms: number; at?: string } {
  try {
    const { at } = JSON.parse(record.fields.entry ?? '') as { at?: unknown };
    if (typeof at === 'string' && ISO_UTC.test(at)) return { ms: Date.parse(at), at };
    if (typeof at === 'string') return { ms: idParts(record.id)[0], at };
  } catch {
    // Judged by its id.
  }
  return { ms: idParts(record.id)[0] };
}

function idParts(id: string): [number, number] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [Number(ms), Number(seq)];
}

function compareIds(a: string, b: string): number {
  const [am, as] = idParts(a);
  const [bm, bs] = idParts(b);
  return am - bm || as - bs;
}

/**
 * The same log as `createAuditLog`, in one process: each append is one synchronous step, so it is
 * atomic by construction. Ids are `ms-seq` from the clock, never going back.
 */
export function createMemoryAuditLog(options: AuditLogOptions = {}): MemoryAuditLog {
  const { clock, retentionMs, trimBatch, limits } = resolveAuditLogOptions(options);
  const records: RawAuditRecord[] = [];
  const indexes = new Map<string, string[]>();
  const windows = new Map<string, RefusalWindow>();
  let head: AuditChainLink | undefined;
  let anchor: AuditChainLink | undefined;
  let lastId = '0-0';

  /** What the next entry chains to; the first one follows whatever the log already holds. */
  const chainEnd = (): AuditChainLink =>
    head ?? anchor ?? { ...GENESIS, id: records[records.length - 1]?.id ?? '' };

  const nextId = (nowMs: number): string => {
    const [ms, seq] = idParts(lastId);
    lastId = nowMs > ms ? `${nowMs}-0` : `${ms}-${seq + 1}`;
    return lastId;
  };

  const find = (id: string): RawAuditRecord | undefined => {
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const record = records[mid] as RawAuditRecord;
      const c = compareIds(record.id, id);
      if (c === 0) return record;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };

  const trim = (cutoffMs: number): void => {
    let removed = 0;
    let at: string | undefined;
    while (removed < trimBatch && removed < records.length) {
      const time = auditRecordTime(records[removed] as RawAuditRecord);
      if (time.ms >= cutoffMs) break;
      at = time.at;
      removed += 1;
    }
    if (removed === 0) return;
    const last = records[removed - 1] as RawAuditRecord;
    anchor = {
      hash: last.fields.hash ?? GENESIS.hash,
      n: Number(last.fields.n ?? '0'),
      id: last.id,
      ...(at ? { at } : {}),
    };
    records.splice(0, removed);
    for (const ids of indexes.values()) {
      while (ids[0] !== undefined && compareIds(ids[0], last.id) <= 0) ids.shift();
    }
  };

  const write = (entry: AuditEntry, nowMs: number): string => {
    trim(nowMs - retentionMs);
    const prev = chainEnd();
    const { fields, link } = sealAuditRecord(entry, prev);
    const id = nextId(nowMs);
    records.push({ id, fields });
    head = { ...link, id };
    if (entry.environment) {
      const ids = indexes.get(entry.environment) ?? [];
      ids.push(id);
      indexes.set(entry.environment, ids);
    }
    return id;
  };

  const dueWindow = (nowMs: number): RefusalWindow | undefined => {
    let due: RefusalWindow | undefined;
    for (const w of windows.values()) {
      if (w.suppressed > 0 && w.endMs <= nowMs && (!due || w.endMs < due.endMs)) due = w;
    }
    return due;
  };

  return {
    records,

    async append(given) {
      const entry = withLoggedActor(given);
      const nowMs = clock.now().toMillis();
      for (let flushes = 0; ; flushes++) {
        const window = entry.type === 'refusal' ? windows.get(entry.actor) : undefined;
        const due = flushes < FLUSHES_PER_APPEND ? dueWindow(nowMs) : undefined;
        const step = planAuditAppend(
          entry,
          { prev: chainEnd(), ...(window ? { window } : {}), ...(due ? { due } : {}) },
          nowMs,
          limits,
        );
        if (step.kind === 'count') {
          step.window.suppressed += 1;
          return { status: 'counted' };
        }
        if (step.kind === 'flush') {
          write(step.entry, nowMs);
          windows.delete(step.window.actor);
          continue;
        }
        const id = write(step.entry, nowMs);
        if (step.window?.op === 'bump') step.window.expected.written += 1;
        if (step.window?.op === 'open') windows.set(entry.actor, { ...step.window.next });
        return { status: 'written', id };
      }
    },

    async read(readOptions = {}) {
      const { since, environment, limit = 50, order = 'desc' } = readOptions;
      const sinceMs = since ? Date.parse(since) : -Infinity;
      const ids = environment
        ? (indexes.get(environment) ?? [])
        : records.map((record) => record.id);
      const ordered = order === 'desc' ? [...ids].reverse() : ids;
      const matches: StoredAuditEntry[] = [];
      for (const id of ordered) {
        if (idParts(id)[0] < sinceMs) {
          if (order === 'desc') break;
          continue;
        }
        const record = find(id);
        if (!record) continue;
        const entry = readAuditEntry(record, KEY);
        if (!auditEntryMatches(entry, readOptions)) continue;
        matches.push({ id, ...entry });
        if (matches.length >= limit) break;
      }
      return matches;
    },

    verify: () =>
      verifyAuditChain({
        anchor: async () => anchor,
        head: async () => head,
        page: async (afterId, count) => {
          const start =
            afterId === undefined ? 0 : records.findIndex((r) => compareIds(r.id, afterId) > 0);
          return start < 0 ? [] : records.slice(start, start + count).map((r) => ({ ...r }));
        },
      }),
  };
}
