import type { Redis } from 'ioredis';
import { ErrorCode, LifeboatError } from '../errors';
import type { RedisKeys } from '../redis/redis-keys';
import {
  GENESIS,
  parseChainLink,
  readAuditEntry,
  sealAuditRecord,
  type AuditChainLink,
  type RawAuditRecord,
} from './audit-record';
import {
  FLUSHES_PER_APPEND,
  planAuditAppend,
  withLoggedActor,
  type AuditAppendState,
  type RefusalWindow,
} from './plan-audit-append';
import { resolveAuditLogOptions, type AuditLogOptions } from './audit-log-options';
import {
  APPEND,
  auditKeys,
  parseRefusalWindow,
  READ_STATE,
  toFields,
  toRecord,
  windowSignature,
} from './audit-log-layout';
import { oneAtATime, pause } from '../one-at-a-time';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain';
import {
  auditEntryMatches,
  type AuditAppendResult,
  type AuditEntry,
  type AuditReadOptions,
  type StoredAuditEntry,
} from './audit-record';

/** What happened, who did it, when: commands, votes, denials, refusals, steps and outcomes. */
export type { AuditAppendResult, AuditEntry, AuditLogOptions, AuditReadOptions, StoredAuditEntry };
export { auditEntryMatches };

/**
 * The audit log: what happened, who did it, when. Promises:
 * - `append` is atomic across processes: each entry is chained to the one before it (sha256 of
 *   the canonical JSON of the entry, its number and the previous entry's hash and id; see
 *   audit-record.ts), and however many bots and workers append at once the chain never forks;
 * - refusals (`type: 'refusal'`, other than Lifeboat's own) are rate-limited per actor: the first
 *   `refusalsPerWindow` of an actor in a window are written, later ones only counted, and the
 *   count is written as one entry ("and 37 more refusals of U… in 10 min") by the first append
 *   after the window closes;
 * - appends remove entries older than the retention, a bounded batch at a time, and keep the
 *   newest removed one as the chain's anchor, so `verify` checks from there;
 * - `read` returns entries newest first (or oldest first) by time, environment and operation;
 *   by environment it reads an index of that environment's entries and nothing else (by operation
 *   alone it scans); an entry that does not parse is a LifeboatError naming it;
 * - `verify` checks the whole chain and names the first entry that does not match.
 * It does not promise: that someone able to write to Redis cannot rewrite the chain from some
 * entry on, re-hashing everything after it and the head (an unkeyed hash chain shows a change; it
 * cannot tell who may make one: keep the head hash `verify` reports somewhere else to pin it); an
 * order other than the order of appends (`at` is the caller's clock); an entry when Redis is down
 * (`append` throws and the caller decides).
 */
export interface AuditLog {
  append(entry: AuditEntry): Promise<AuditAppendResult>;
  read(options?: AuditReadOptions): Promise<StoredAuditEntry[]>;
  verify(): Promise<AuditChainReport>;
}

/** How many times an append re-reads the head when another process appended in between. */
export const APPEND_ATTEMPTS = 100;
const PAGE = 500;

type WindowOp = 'count' | 'bump' | 'open' | 'claim';

export function createAuditLog(
  redis: Redis,
  keys: Pick<RedisKeys, 'audit'>,
  options: AuditLogOptions = {},
): AuditLog {
  const k = auditKeys(keys);
  const { clock, retentionMs, trimBatch, limits } = resolveAuditLogOptions(options);

  async function readState(
    actor: string | undefined,
    nowMs: number,
  ): Promise<
    AuditAppendState & { windowFields: Record<string, string>; dueFields: Record<string, string> }
  > {
    const [head, anchor, dueActor, dueFlat, windowFlat, before] = (await redis.eval(
      READ_STATE,
      4,
      k.head,
      k.anchor,
      k.dueWindows,
      k.stream,
      String(nowMs),
      k.windowPrefix,
      actor ?? '',
    )) as [string[], string[], string, string[], string[], string];
    const prev = parseChainLink(toFields(head), k.head) ??
      parseChainLink(toFields(anchor), k.anchor) ?? { ...GENESIS, id: before };
    const windowFields = toFields(windowFlat);
    const dueFields = toFields(dueFlat);
    const window = actor ? parseRefusalWindow(actor, windowFields) : undefined;
    const due = dueActor ? parseRefusalWindow(dueActor, dueFields) : undefined;
    return {
      prev,
      ...(window ? { window } : {}),
      ...(due ? { due } : {}),
      windowFields,
      dueFields,
    };
  }

  /** One step, with the window it planned against (`fields` as read) and what to do to it. */
  async function runStep(args: {
    mode: 'write' | 'count';
    prev: AuditChainLink;
    nowMs: number;
    window?: { actor: string; fields: Record<string, string>; op: WindowOp; next?: RefusalWindow };
    entry?: AuditEntry;
  }): Promise<{ status: 'ok'; id: string } | { status: 'counted' } | { status: 'conflict' }> {
    const f = args.entry ? sealAuditRecord(args.entry, args.prev).fields : {};
    const { window } = args;
    const reply = (await redis.eval(
      APPEND,
      6,
      k.stream,
      k.head,
      k.anchor,
      k.environments,
      // Without a window the script leaves KEYS[5] alone; the stream stands in for it.
      window ? k.window(window.actor) : k.stream,
      k.dueWindows,
      args.mode,
      args.prev.hash,
      args.prev.id,
      GENESIS.hash,
      window ? windowSignature(window.fields) : '',
      window?.op ?? '',
      String(window?.next?.startMs ?? ''),
      String(window?.next?.endMs ?? ''),
      String(Math.max(1, 2 * limits.refusalWindowMs)),
      window?.actor ?? '',
      String(args.nowMs - retentionMs),
      String(trimBatch),
      k.environmentIndexPrefix,
      f.entry ?? '',
      f.n ?? '',
      f.prev ?? '',
      f.prevId ?? '',
      f.hash ?? '',
      args.entry?.at ?? '',
      args.entry?.environment ?? '',
    )) as [string, string?];
    if (reply[0] === 'ok') return { status: 'ok', id: reply[1] ?? '' };
    if (reply[0] === 'counted') return { status: 'counted' };
    return { status: 'conflict' };
  }

  async function fetchByIds(ids: string[]): Promise<RawAuditRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.xrange(k.stream, id, id);
    const results = (await pipeline.exec()) ?? [];
    const records: RawAuditRecord[] = [];
    for (const [error, value] of results) {
      if (error) throw error;
      const [found] = value as [string, string[]][];
      // An id whose entry is gone (removed by hand) is skipped: `verify` reports it.
      if (found) records.push(toRecord(found));
    }
    return records;
  }

  const source = {
    anchor: async () => parseChainLink(await redis.hgetall(k.anchor), k.anchor),
    head: async () => parseChainLink(await redis.hgetall(k.head), k.head),
    page: async (afterId: string | undefined, count: number) =>
      (
        await redis.xrange(
          k.stream,
          afterId === undefined ? '-' : `(${afterId}`,
          '+',
          'COUNT',
          count,
        )
      ).map(toRecord),
  };

  async function appendOnce(entry: AuditEntry): Promise<AuditAppendResult> {
    let flushes = 0;
    let conflicts = 0;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS + FLUSHES_PER_APPEND; attempt++) {
      // Another process appended in between: give it room before reading the head again.
      if (conflicts > 0) await pause(Math.min(conflicts, 20));
      const nowMs = clock.now().toMillis();
      const read = await readState(entry.type === 'refusal' ? entry.actor : undefined, nowMs);
      // Enough closed windows written by this append: the rest wait for the next ones.
      const state = flushes < FLUSHES_PER_APPEND ? read : { ...read, due: undefined };
      const step = planAuditAppend(entry, state, nowMs, limits);
      const { prev } = state;
      if (step.kind === 'count') {
        const fields = state.windowFields;
        const result = await runStep({
          mode: 'count',
          prev,
          nowMs,
          window: { actor: step.window.actor, fields, op: 'count' },
        });
        if (result.status === 'counted') return { status: 'counted' };
        conflicts += 1;
      } else if (step.kind === 'flush') {
        const { actor } = step.window;
        const fields = actor === read.due?.actor ? read.dueFields : read.windowFields;
        // Written or not, the entry itself is still to come: plan again.
        flushes += 1;
        await runStep({
          mode: 'write',
          prev,
          nowMs,
          window: { actor, fields, op: 'claim' },
          entry: step.entry,
        });
      } else {
        const w = step.window;
        const result = await runStep({
          mode: 'write',
          prev,
          nowMs,
          ...(w
            ? {
                window: {
                  actor: entry.actor,
                  fields: state.windowFields,
                  op: w.op,
                  ...(w.op === 'open' ? { next: w.next } : {}),
                },
              }
            : {}),
          entry,
        });
        if (result.status === 'ok') return { status: 'written', id: result.id };
        conflicts += 1;
      }
    }
    throw new LifeboatError(
      ErrorCode.Conflict,
      `the audit log kept changing under ${APPEND_ATTEMPTS} attempts to append an entry`,
      { retryable: true, meta: { key: k.stream } },
    );
  }

  // One append at a time per process: a chain has one head, so appends racing each other in
  // one process would only make each other start again. Across processes the compare-and-set
  // decides, and a loser waits a little longer after each conflict.
  const serially = oneAtATime();

  return {
    append: (entry) => serially(() => appendOnce(withLoggedActor(entry))),

    async read(readOptions = {}) {
      const { since, environment, operationId, limit = 50, order = 'desc' } = readOptions;
      const start = since ? String(Date.parse(since)) : '-';
      const key = environment ? k.environmentIndex(environment) : k.stream;
      // By environment alone, exactly the ids wanted are read; any other filter reads in pages.
      const pageSize = environment && !operationId ? Math.min(limit, PAGE) : PAGE;
      const matches: StoredAuditEntry[] = [];
      let cursor = order === 'desc' ? '+' : start;
      for (;;) {
        const page =
          order === 'desc'
            ? await redis.xrevrange(key, cursor, start, 'COUNT', pageSize)
            : await redis.xrange(key, cursor, '+', 'COUNT', pageSize);
        const records = environment ? await fetchByIds(page.map(([id]) => id)) : page.map(toRecord);
        for (const record of records) {
          const entry = readAuditEntry(record, k.stream);
          if (!auditEntryMatches(entry, readOptions)) continue;
          matches.push({ id: record.id, ...entry });
          if (matches.length >= limit) return matches;
        }
        if (page.length < pageSize) return matches;
        cursor = `(${page[page.length - 1]?.[0] ?? ''}`;
      }
    },

    verify: () => verifyAuditChain(source),
  };
}
