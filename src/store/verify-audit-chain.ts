import {
  auditRecordHash,
  GENESIS,
  parseAuditRecord,
  type AuditChainLink,
  type RawAuditRecord,
} from './audit-record';

/** What the verifier reads: the anchor, the head and the records, oldest first, page by page. */
export interface AuditChainSource {
  /** The newest entry retention removed, or undefined: the chain then starts at the genesis. */
  anchor(): Promise<AuditChainLink | undefined>;
  /** The newest entry appended, as the append recorded it. */
  head(): Promise<AuditChainLink | undefined>;
  /** Up to `count` records after the id `afterId` (exclusive; undefined: the oldest), oldest first. */
  page(afterId: string | undefined, count: number): Promise<RawAuditRecord[]>;
}

export const AuditChainProblemKind = {
  /** Its content does not match its own hash. */
  Changed: 'changed content',
  /** Entries of the chain are missing before it (or, at the end, after the last one). */
  Removed: 'removed entry',
  /** It does not link to the entry before it. */
  BrokenLink: 'broken link',
  /** Its number repeats or goes back, or it comes after the head: it was not appended by Lifeboat. */
  Inserted: 'inserted entry',
  /** It carries no chain fields where the chain has begun. */
  Unchained: 'unchained entry',
  Unparseable: 'unparseable entry',
} as const;
export type AuditChainProblemKind =
  (typeof AuditChainProblemKind)[keyof typeof AuditChainProblemKind];

export interface AuditChainProblem {
  /** The stream id of the first entry that does not match. */
  id: string;
  at?: string;
  kind: AuditChainProblemKind;
  message: string;
}

export interface AuditChainEnd {
  id: string;
  at?: string;
}

export type AuditChainReport =
  | {
      intact: true;
      /** Chained entries checked. */
      entries: number;
      first?: AuditChainEnd;
      last?: AuditChainEnd;
      head?: AuditChainLink;
      anchor?: AuditChainLink;
      /** Entries older than the chain (written before it existed), which it does not cover. */
      legacy: number;
    }
  | { intact: false; entries: number; problem: AuditChainProblem; anchor?: AuditChainLink };

const PAGE = 500;

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function describe(link: AuditChainLink): string {
  if (link.id === '') return 'the start of the chain';
  return link.n === 0 ? `${link.id} (older than the chain)` : `${link.id} (entry ${link.n})`;
}

function sameLink(a: AuditChainLink | undefined, b: AuditChainLink | undefined): boolean {
  return a?.hash === b?.hash && a?.n === b?.n && a?.id === b?.id;
}

async function verifyFrom(
  source: AuditChainSource,
  anchor: AuditChainLink | undefined,
): Promise<AuditChainReport> {
  let expected: AuditChainLink = anchor ?? GENESIS;
  let entries = 0;
  let legacy = 0;
  let first: AuditChainEnd | undefined;
  let cursor: string | undefined;
  const broken = (problem: AuditChainProblem): AuditChainReport => ({
    intact: false,
    entries,
    problem,
    ...(anchor ? { anchor } : {}),
  });

  for (;;) {
    const page = await source.page(cursor, PAGE);
    if (page.length === 0) {
      const head = await source.head();
      // An append may have landed after the last page: read on until the head is reached.
      if ((await source.page(cursor, 1)).length > 0) continue;
      if (!head) {
        if (entries === 0) return { intact: true, entries, legacy, ...(anchor ? { anchor } : {}) };
        return broken({
          id: expected.id,
          ...(expected.at ? { at: expected.at } : {}),
          kind: AuditChainProblemKind.Removed,
          message: `the chain's head (the record of its newest entry) is missing; the stream ends at ${describe(expected)}`,
        });
      }
      if (head.n > expected.n) {
        const missing = head.n - expected.n;
        return broken({
          id: head.id,
          ...(head.at ? { at: head.at } : {}),
          kind: AuditChainProblemKind.Removed,
          message: `the newest ${missing === 1 ? 'entry was' : `${missing} entries were`} removed: the chain's head is ${describe(head)} but the stream ends at ${describe(expected)}`,
        });
      }
      if (head.n < expected.n) {
        const [extra] = await source.page(head.id, 1);
        const parsed = extra ? parseAuditRecord(extra) : undefined;
        const at = parsed?.entry?.at;
        return broken({
          id: extra?.id ?? expected.id,
          ...(at ? { at } : {}),
          kind: AuditChainProblemKind.Inserted,
          message: `it comes after the chain's head ${describe(head)}: it was added to the stream by something other than Lifeboat's append`,
        });
      }
      if (head.hash !== expected.hash || head.id !== expected.id) {
        return broken({
          id: expected.id,
          ...(expected.at ? { at: expected.at } : {}),
          kind: AuditChainProblemKind.Changed,
          message: `the newest entry is not the one the chain's head records (${head.id}, ${short(head.hash)}): it was replaced`,
        });
      }
      return {
        intact: true,
        entries,
        ...(first ? { first } : {}),
        ...(entries > 0
          ? { last: { id: expected.id, ...(expected.at ? { at: expected.at } : {}) } }
          : {}),
        head,
        ...(anchor ? { anchor } : {}),
        legacy,
      };
    }

    for (const record of page) {
      cursor = record.id;
      const parsed = parseAuditRecord(record);
      const at = parsed.entry?.at;
      const where = { id: record.id, ...(at ? { at } : {}) };
      if (!parsed.ok) {
        return broken({
          ...where,
          kind: AuditChainProblemKind.Unparseable,
          message: parsed.problem,
        });
      }
      if (parsed.legacy) {
        if (entries === 0 && expected.n === 0) {
          // Older than the chain: not covered, but the chain's first entry names the last of them.
          legacy += 1;
          expected = { ...expected, id: record.id };
          continue;
        }
        return broken({
          ...where,
          kind: AuditChainProblemKind.Unchained,
          message: `it carries no chain fields, yet comes after ${describe(expected)}: it was added to the stream by something other than Lifeboat's append`,
        });
      }
      const recomputed = auditRecordHash({
        entry: JSON.parse(record.fields.entry ?? 'null') as unknown,
        n: parsed.n,
        prev: parsed.prev,
        prevId: parsed.prevId,
      });
      if (recomputed !== parsed.hash) {
        return broken({
          ...where,
          kind: AuditChainProblemKind.Changed,
          message: `its content no longer matches its hash (${short(parsed.hash)}, now ${short(recomputed)}): it was changed after it was written`,
        });
      }
      if (parsed.n > expected.n + 1) {
        const missing = parsed.n - expected.n - 1;
        return broken({
          ...where,
          kind: AuditChainProblemKind.Removed,
          message:
            missing === 1
              ? `the entry before it, ${parsed.prevId} (entry ${parsed.n - 1}), was removed: it follows ${describe(expected)}`
              : `${missing} entries before it were removed (entries ${expected.n + 1} to ${parsed.n - 1}, the last of them ${parsed.prevId}): it follows ${describe(expected)}`,
        });
      }
      if (parsed.n <= expected.n) {
        return broken({
          ...where,
          kind: AuditChainProblemKind.Inserted,
          message: `it is numbered ${parsed.n} yet follows ${describe(expected)}: it was inserted or copied`,
        });
      }
      if (
        expected.n === 0 &&
        legacy > 0 &&
        parsed.prev === expected.hash &&
        parsed.prevId !== expected.id
      ) {
        // Entries without chain fields that were not there when the chain began.
        const [added] = await source.page(parsed.prevId === '' ? undefined : parsed.prevId, 1);
        const addedAt = added ? parseAuditRecord(added).entry?.at : undefined;
        return broken({
          id: added?.id ?? record.id,
          ...(addedAt ? { at: addedAt } : {}),
          kind: AuditChainProblemKind.Unchained,
          message: `it carries no chain fields and was not there when the chain began (its first entry, ${record.id}, follows ${parsed.prevId || 'an empty log'}): it was added to the stream by something other than Lifeboat's append`,
        });
      }
      if (parsed.prev !== expected.hash || parsed.prevId !== expected.id) {
        const why =
          parsed.prevId === expected.id
            ? `${expected.id} was changed and re-hashed after this entry was written, or this entry's link was rewritten`
            : `the entry it was chained to, ${parsed.prevId || 'the start of the chain'}, has been replaced`;
        return broken({
          ...where,
          kind: AuditChainProblemKind.BrokenLink,
          message: `it is chained to ${parsed.prevId || 'the start of the chain'} (${short(parsed.prev)}) but follows ${describe(expected)} (${short(expected.hash)}): ${why}`,
        });
      }
      expected = { hash: parsed.hash, n: parsed.n, id: record.id, ...(at ? { at } : {}) };
      entries += 1;
      first ??= where;
    }
  }
}

/**
 * Checks the whole chain, from the anchor (or the genesis) to the head, and names the first entry
 * that does not match. Each entry must hash to its own `hash`, be numbered one after the entry
 * before it, and carry that entry's hash and id; the last must be the head. When retention moved
 * the anchor while the check ran, it starts again from the new anchor.
 */
export async function verifyAuditChain(source: AuditChainSource): Promise<AuditChainReport> {
  for (let attempt = 1; ; attempt++) {
    const anchor = await source.anchor();
    const report = await verifyFrom(source, anchor);
    if (report.intact || attempt >= 3) return report;
    if (sameLink(await source.anchor(), anchor)) return report;
  }
}
