import { fakeClock, type FakeClock } from '../../../src/clock';
import { LifeboatError } from '../../../src/errors';
import type { AuditEntry, AuditLog, AuditLogOptions } from '../../../src/store/audit-log';
import { auditRecordHash, type RawAuditRecord } from '../../../src/store/audit-record';
import { AuditChainProblemKind } from '../../../src/store/verify-audit-chain';

/** What a test may do behind the log's back, as someone with write access to the store could. */
export interface AuditTamper {
  /** The stored records, oldest first. */
  records(): Promise<RawAuditRecord[]>;
  /** Stores exactly these records (ids and fields, in this order) in place of the log's. */
  rewrite(records: RawAuditRecord[]): Promise<void>;
  /** Deletes one record where it is (XDEL). */
  remove(id: string): Promise<void>;
}

function idParts(id: string): [number, number] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [Number(ms), Number(seq)];
}

async function replace(tamper: AuditTamper, id: string, fields: Record<string, string>) {
  await tamper.rewrite((await tamper.records()).map((r) => (r.id === id ? { id, fields } : r)));
}

/**
 * Inserts a record right after `afterId`, as a forger rewriting the log would: the records after
 * it in the same millisecond move up by one to make room. Returns the forged record's id.
 */
async function insertAfter(
  tamper: AuditTamper,
  afterId: string,
  fields: Record<string, string>,
): Promise<string> {
  const [ms, seq] = idParts(afterId);
  const forgedId = `${ms}-${seq + 1}`;
  const records: RawAuditRecord[] = [];
  for (const r of await tamper.records()) {
    const [rms, rseq] = idParts(r.id);
    records.push(rms === ms && rseq > seq ? { ...r, id: `${rms}-${rseq + 1}` } : r);
    if (r.id === afterId) records.push({ id: forgedId, fields });
  }
  await tamper.rewrite(records);
  return forgedId;
}

/** An id later than every record's. */
async function laterId(tamper: AuditTamper): Promise<string> {
  const last = (await tamper.records()).at(-1);
  return `${idParts(last?.id ?? '0-0')[0] + 1}-0`;
}

/** One store, fresh for each case. */
export interface AuditLogWorld {
  /** `count` logs on this store: for Redis, each on a connection of its own. */
  logs(count: number, options?: AuditLogOptions): AuditLog[];
  tamper: AuditTamper;
  close(): Promise<void>;
}

function entry(summary: string, more: Partial<AuditEntry> = {}): AuditEntry {
  return { type: 'command', actor: 'U0ALICE', at: new Date().toISOString(), summary, ...more };
}

function refusal(actor: string, summary: string): AuditEntry {
  return { type: 'refusal', actor, at: new Date().toISOString(), summary };
}

/** Re-hashes a record as a careful forger would, so only its link to the next one can tell. */
function rehashed(record: RawAuditRecord, entryJson: string): Record<string, string> {
  const f = record.fields;
  return {
    ...f,
    entry: entryJson,
    hash: auditRecordHash({
      entry: JSON.parse(entryJson) as unknown,
      n: Number(f.n),
      prev: f.prev ?? '',
      prevId: f.prevId ?? '',
    }),
  };
}

/**
 * What every AuditLog must do, in Redis and in memory alike: keep entries and their order, chain
 * them so `verify` names the first one tampered with, keep one chain under concurrent appends,
 * drop old entries but keep the anchor, read an environment through its index, and count
 * refusals beyond the allowance instead of writing them.
 */
export function describeAuditLogContract(
  name: string,
  makeWorld: () => Promise<AuditLogWorld>,
): void {
  describe(`AuditLog contract: ${name}`, () => {
    let world: AuditLogWorld;
    let log: AuditLog;

    beforeEach(async () => {
      world = await makeWorld();
      [log] = world.logs(1) as [AuditLog];
    });
    afterEach(async () => {
      await world.close();
    });

    async function appendAll(...entries: AuditEntry[]): Promise<string[]> {
      const ids: string[] = [];
      for (const e of entries) {
        const result = await log.append(e);
        if (result.status !== 'written') throw new Error(`${e.summary} was not written`);
        ids.push(result.id);
      }
      return ids;
    }

    it('reads newest first or oldest first, by environment, operation and time', async () => {
      await appendAll(
        entry('one', { environment: 'a', operationId: 'op-1' }),
        entry('two', { environment: 'b' }),
        entry('three', { environment: 'a', operationId: 'op-2' }),
      );
      expect((await log.read()).map((e) => e.summary)).toEqual(['three', 'two', 'one']);
      expect((await log.read({ environment: 'a', order: 'asc' })).map((e) => e.summary)).toEqual([
        'one',
        'three',
      ]);
      expect((await log.read({ environment: 'a', limit: 1 })).map((e) => e.summary)).toEqual([
        'three',
      ]);
      expect((await log.read({ operationId: 'op-1' })).map((e) => e.summary)).toEqual(['one']);
      expect(
        (await log.read({ environment: 'a', operationId: 'op-2' })).map((e) => e.summary),
      ).toEqual(['three']);
      expect(await log.read({ environment: 'c' })).toEqual([]);
      expect(await log.read({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      const [newest] = await log.read({ limit: 1 });
      expect(newest).toMatchObject({ id: expect.stringMatching(/^\d+-\d+$/), type: 'command' });
    });

    it('verifies an intact chain, naming its ends', async () => {
      expect(await log.verify()).toMatchObject({ intact: true, entries: 0 });
      const ids = await appendAll(entry('one'), entry('two'), entry('three'));
      const report = await log.verify();
      expect(report).toMatchObject({
        intact: true,
        entries: 3,
        first: { id: ids[0] },
        last: { id: ids[2] },
        head: { id: ids[2], n: 3 },
        legacy: 0,
      });
    });

    it('names an entry whose content was changed', async () => {
      const ids = await appendAll(entry('one'), entry('two'), entry('three'), entry('four'));
      const target = (await world.tamper.records())[1] as RawAuditRecord;
      const forged = JSON.stringify({
        ...JSON.parse(target.fields.entry ?? ''),
        summary: 'nothing',
      });
      await replace(world.tamper, target.id, { ...target.fields, entry: forged });
      expect(await log.verify()).toMatchObject({
        intact: false,
        entries: 1,
        problem: {
          id: ids[1],
          at: expect.any(String),
          kind: AuditChainProblemKind.Changed,
          message: expect.stringContaining('changed'),
        },
      });
    });

    it('names the link after an entry that was changed and re-hashed', async () => {
      const ids = await appendAll(entry('one'), entry('two'), entry('three'));
      const target = (await world.tamper.records())[1] as RawAuditRecord;
      const forged = JSON.stringify({
        ...JSON.parse(target.fields.entry ?? ''),
        actor: 'U0MALLORY',
      });
      await replace(world.tamper, target.id, rehashed(target, forged));
      const report = await log.verify();
      expect(report).toMatchObject({
        intact: false,
        problem: { id: ids[2], kind: AuditChainProblemKind.BrokenLink },
      });
      expect(!report.intact && report.problem.message).toContain(ids[1]);
    });

    it('names the entry after one removed from the middle, and the removed one', async () => {
      const ids = await appendAll(entry('one'), entry('two'), entry('three'), entry('four'));
      await world.tamper.remove(ids[1] as string);
      const report = await log.verify();
      expect(report).toMatchObject({
        intact: false,
        entries: 1,
        problem: { id: ids[2], kind: AuditChainProblemKind.Removed },
      });
      expect(!report.intact && report.problem.message).toContain(ids[1]);
    });

    it('names the newest entry when it was removed', async () => {
      const ids = await appendAll(entry('one'), entry('two'));
      await world.tamper.remove(ids[1] as string);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id: ids[1], at: expect.any(String), kind: AuditChainProblemKind.Removed },
      });
    });

    it('names an entry added behind its back, in the middle', async () => {
      const ids = await appendAll(entry('one'), entry('two'), entry('three'));
      const forged = JSON.stringify(entry('approved', { type: 'vote', actor: 'U0MALLORY' }));
      const forgedId = await insertAfter(world.tamper, ids[0] as string, { entry: forged });
      expect(await log.verify()).toMatchObject({
        intact: false,
        entries: 1,
        problem: { id: forgedId, kind: AuditChainProblemKind.Unchained },
      });
    });

    it('names an entry added at the end with XADD, bare or with copied chain fields', async () => {
      await appendAll(entry('one'), entry('two'), entry('three'));
      const records = await world.tamper.records();
      const bareId = await laterId(world.tamper);
      const forged = JSON.stringify(entry('approved', { type: 'vote', actor: 'U0MALLORY' }));
      await world.tamper.rewrite([...records, { id: bareId, fields: { entry: forged } }]);
      expect(await log.verify()).toMatchObject({
        intact: false,
        entries: 3,
        problem: { id: bareId, kind: AuditChainProblemKind.Unchained },
      });

      const copyId = await laterId(world.tamper);
      const newest = records[2] as RawAuditRecord;
      await world.tamper.rewrite([...records, { id: copyId, fields: { ...newest.fields } }]);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id: copyId, kind: AuditChainProblemKind.Inserted },
      });
    });

    it('names an entry put before the chain began', async () => {
      const ids = await appendAll(entry('one'), entry('two'));
      const records = await world.tamper.records();
      const [ms] = idParts(ids[0] as string);
      const forged = JSON.stringify(entry('approved', { type: 'vote', actor: 'U0MALLORY' }));
      await world.tamper.rewrite([{ id: `${ms - 1}-0`, fields: { entry: forged } }, ...records]);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id: `${ms - 1}-0`, kind: AuditChainProblemKind.Unchained },
      });
    });

    it('accepts entries older than the chain, and covers everything after them', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      const legacy = [1, 2].map((i) => ({
        id: `${1_700_000_000_000 + i}-0`,
        fields: { entry: JSON.stringify(entry(`legacy ${i}`)) },
      }));
      await world.tamper.rewrite(legacy);
      [log] = world.logs(1, { clock }) as [AuditLog];
      const ids = await appendAll(entry('one'), entry('two'));
      expect(await log.verify()).toMatchObject({
        intact: true,
        entries: 2,
        legacy: 2,
        first: { id: ids[0] },
      });
      expect((await log.read()).map((e) => e.summary)).toEqual([
        'two',
        'one',
        'legacy 2',
        'legacy 1',
      ]);
    });

    it('names an entry carefully forged at the end, past the head', async () => {
      const ids = await appendAll(entry('one'), entry('two'));
      const newest = (await world.tamper.records())[1] as RawAuditRecord;
      const forgedEntry = JSON.stringify(entry('approved', { type: 'vote', actor: 'U0MALLORY' }));
      const prev = newest.fields.hash ?? '';
      const fields = {
        entry: forgedEntry,
        n: '3',
        prev,
        prevId: ids[1] as string,
        hash: auditRecordHash({
          entry: JSON.parse(forgedEntry) as unknown,
          n: 3,
          prev,
          prevId: ids[1] as string,
        }),
      };
      const forgedId = `${Number((ids[1] as string).split('-')[0]) + 1}-0`;
      await world.tamper.rewrite([...(await world.tamper.records()), { id: forgedId, fields }]);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id: forgedId, kind: AuditChainProblemKind.Inserted },
      });
    });

    it('reads a record that does not parse as an error naming it', async () => {
      const [id] = await appendAll(entry('one'));
      await replace(world.tamper, id as string, { entry: '{"type":', n: '1' });
      await expect(log.read()).rejects.toThrow(LifeboatError);
      await expect(log.read()).rejects.toThrow(id as string);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id, kind: AuditChainProblemKind.Unparseable },
      });
    });

    it('keeps one chain when several connections append at once', async () => {
      const logs = world.logs(4);
      [log] = logs as [AuditLog];
      const results = await Promise.all(
        logs.flatMap((l, i) =>
          Array.from({ length: 15 }, (_, j) => l.append(entry(`c${i}-${j}`, { environment: 'a' }))),
        ),
      );
      expect(results.every((r) => r.status === 'written')).toBe(true);
      const records = await world.tamper.records();
      expect(records.map((r) => Number(r.fields.n))).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      expect(new Set(records.map((r) => r.fields.prev)).size).toBe(60);
      expect(await log.verify()).toMatchObject({ intact: true, entries: 60, head: { n: 60 } });
      expect(await log.read({ environment: 'a', limit: 100 })).toHaveLength(60);
    });

    it('counts the refusals of a request that named no user under one name, like any actor', async () => {
      [log] = world.logs(1) as [AuditLog];
      const results = [];
      for (let i = 0; i < 8; i++) {
        results.push(await log.append(entry(`nobody ${i}`, { type: 'refusal', actor: '' })));
      }
      expect(results.map((r) => r.status)).toEqual([
        ...Array.from({ length: 5 }, () => 'written'),
        ...Array.from({ length: 3 }, () => 'counted'),
      ]);
      const [latest] = await log.read({ limit: 1 });
      expect(latest?.actor).toBe('(no user)');
    });

    it('writes every one of a burst of appends from one process, in one chain', async () => {
      [log] = world.logs(1) as [AuditLog];
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          log.append(entry(`burst-${i}`, { environment: 'a' })),
        ),
      );
      expect(results.every((r) => r.status === 'written')).toBe(true);
      expect(await log.verify()).toMatchObject({ intact: true, entries: 500, head: { n: 500 } });
    });

    it('removes entries past the retention, keeps the anchor, and still verifies', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock }) as [AuditLog];
      const at = () => clock.now().toUTC().toISO() ?? '';
      const ids = await appendAll(
        entry('old one', { environment: 'a', at: at() }),
        entry('old two', { environment: 'a', at: at() }),
        entry('old three', { environment: 'b', at: at() }),
      );
      clock.advance({ days: 399 });
      const [kept] = await appendAll(entry('recent', { environment: 'a', at: at() }));
      expect(await world.tamper.records()).toHaveLength(4);

      clock.advance({ days: 2 });
      const [latest] = await appendAll(entry('latest', { at: at() }));
      const records = await world.tamper.records();
      expect(records.map((r) => r.id)).toEqual([kept, latest]);
      expect((await log.read({ environment: 'a' })).map((e) => e.summary)).toEqual(['recent']);
      expect(await log.read({ environment: 'b' })).toEqual([]);
      expect(await log.verify()).toMatchObject({
        intact: true,
        entries: 2,
        first: { id: kept },
        anchor: { id: ids[2], n: 3, at: '2026-03-01T00:00:00.000Z' },
      });

      // The anchor still catches what happens to the entry after it.
      await world.tamper.remove(kept as string);
      expect(await log.verify()).toMatchObject({
        intact: false,
        problem: { id: latest, kind: AuditChainProblemKind.Removed },
      });
    });

    it('removes a backlog of old entries a batch at each append, anchored each time', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock, trimBatch: 2 }) as [AuditLog];
      const at = () => clock.now().toUTC().toISO() ?? '';
      const old = await appendAll(
        ...Array.from({ length: 5 }, (_, i) => entry(`old ${i}`, { environment: 'a', at: at() })),
      );
      clock.advance({ days: 401 });
      await appendAll(entry('new 1', { environment: 'a', at: at() }));
      expect(await log.verify()).toMatchObject({ intact: true, anchor: { id: old[1], n: 2 } });
      await appendAll(entry('new 2', { at: at() }));
      expect(await log.verify()).toMatchObject({ intact: true, anchor: { id: old[3], n: 4 } });
      await appendAll(entry('new 3', { at: at() }));
      expect(await log.verify()).toMatchObject({
        intact: true,
        entries: 3,
        anchor: { id: old[4], n: 5 },
      });
      expect((await log.read({ environment: 'a' })).map((e) => e.summary)).toEqual(['new 1']);
    });

    it('writes a count left in a closed window with the next append, after retention too', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock, refusalsPerWindow: 1 }) as [AuditLog];
      const at = () => clock.now().toUTC().toISO() ?? '';
      await appendAll({ ...refusal('U0EVE', 'first'), at: at() });
      expect(await log.append({ ...refusal('U0EVE', 'second'), at: at() })).toEqual({
        status: 'counted',
      });
      clock.advance({ days: 401 });
      await appendAll(entry('next', { at: at() }));
      expect((await log.read({ order: 'asc' })).map((e) => e.summary)).toEqual([
        'and 1 more refusal of U0EVE in 10 min',
        'next',
      ]);
      expect(await log.verify()).toMatchObject({ intact: true, entries: 2, anchor: { n: 1 } });
    });

    it('reads an environment through its index, never touching the other entries', async () => {
      const noise = Array.from({ length: 40 }, (_, i) => entry(`noise ${i}`, { environment: 'b' }));
      await appendAll(entry('a1', { environment: 'a' }), ...noise.slice(0, 20));
      await appendAll(entry('a2', { environment: 'a' }), ...noise.slice(20), entry('global'));
      await appendAll(entry('a3', { environment: 'a', operationId: 'op-9' }));
      // Every other entry made unreadable: a scan would stop at the first of them.
      for (const record of await world.tamper.records()) {
        if (!/"environment":"a"/.test(record.fields.entry ?? '')) {
          await replace(world.tamper, record.id, { entry: 'garbage' });
        }
      }
      expect((await log.read({ environment: 'a' })).map((e) => e.summary)).toEqual([
        'a3',
        'a2',
        'a1',
      ]);
      expect(
        (await log.read({ environment: 'a', order: 'asc', limit: 2 })).map((e) => e.summary),
      ).toEqual(['a1', 'a2']);
      await expect(log.read()).rejects.toThrow(LifeboatError);
      await expect(log.read({ environment: 'b' })).rejects.toThrow(LifeboatError);
    });

    it('writes the first refusals of a user in a window and counts the rest', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock, refusalsPerWindow: 2, refusalWindowMs: 10 * 60_000 }) as [
        AuditLog,
      ];
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await log.append(refusal('U0MALLORY', `try ${i}`))).status);
        clock.advance({ seconds: 30 });
      }
      expect(statuses).toEqual(['written', 'written', 'counted', 'counted', 'counted', 'counted']);
      // Another user, and Lifeboat itself, have allowances of their own (Lifeboat: no limit).
      expect((await log.append(refusal('U0EVE', 'eve'))).status).toBe('written');
      for (let i = 0; i < 3; i++) {
        expect((await log.append(refusal('lifeboat', `own ${i}`))).status).toBe('written');
      }
      expect((await log.read()).filter((e) => e.actor === 'U0MALLORY')).toHaveLength(2);

      clock.advance({ minutes: 10 });
      await log.append(entry('/dr status', { actor: 'U0BOB' }));
      const [last, count] = await log.read({ limit: 2 });
      expect(last?.summary).toBe('/dr status');
      expect(count).toMatchObject({
        type: 'refusal',
        actor: 'U0MALLORY',
        summary: 'and 4 more refusals of U0MALLORY in 10 min',
        detail: { counted: 4, windowStart: '2026-03-01T00:00:00.000Z' },
      });

      // A new window: written again, and no second count of the old one.
      expect((await log.append(refusal('U0MALLORY', 'again'))).status).toBe('written');
      const mallory = (await log.read({ order: 'asc' })).filter((e) => e.actor === 'U0MALLORY');
      expect(mallory.map((e) => e.summary)).toEqual([
        'try 0',
        'try 1',
        'and 4 more refusals of U0MALLORY in 10 min',
        'again',
      ]);
      expect(await log.verify()).toMatchObject({ intact: true });
    });

    it('writes a count when the same user is refused after the window', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock, refusalsPerWindow: 1 }) as [AuditLog];
      await log.append(refusal('U0MALLORY', 'one'));
      await log.append(refusal('U0MALLORY', 'two'));
      await log.append(refusal('U0MALLORY', 'three'));
      clock.advance({ minutes: 11 });
      await log.append(refusal('U0MALLORY', 'four'));
      expect((await log.read({ order: 'asc' })).map((e) => e.summary)).toEqual([
        'one',
        'and 2 more refusals of U0MALLORY in 10 min',
        'four',
      ]);
    });

    it('writes at most five closed windows per append, the rest with the next ones', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      [log] = world.logs(1, { clock, refusalsPerWindow: 1 }) as [AuditLog];
      const users = Array.from({ length: 7 }, (_, i) => `U0USER${i}`);
      for (const user of users) {
        await log.append(refusal(user, 'one'));
        expect((await log.append(refusal(user, 'two'))).status).toBe('counted');
      }
      clock.advance({ minutes: 10 });
      await log.append(entry('first after'));
      const counts = async () =>
        (await log.read({ limit: 100 })).filter((e) => /more refusal/.test(e.summary)).length;
      expect(await counts()).toBe(5);
      expect((await log.read({ limit: 1 }))[0]?.summary).toBe('first after');
      await log.append(entry('second after'));
      expect(await counts()).toBe(7);
      await log.append(entry('third after'));
      expect(await counts()).toBe(7);
      expect(await log.verify()).toMatchObject({ intact: true, entries: 7 + 7 + 3 });
    });

    it('counts refusals from several connections at once without losing one', async () => {
      const clock: FakeClock = fakeClock('2026-03-01T00:00:00Z');
      const logs = world.logs(4, { clock, refusalsPerWindow: 3 });
      [log] = logs as [AuditLog];
      const results = await Promise.all(
        logs.flatMap((l, i) =>
          Array.from({ length: 10 }, (_, j) => l.append(refusal('U0MALLORY', `r${i}-${j}`))),
        ),
      );
      expect(results.filter((r) => r.status === 'written')).toHaveLength(3);
      clock.advance({ minutes: 10 });
      await log.append(entry('after'));
      expect((await log.read({ limit: 2 }))[1]?.summary).toBe(
        'and 37 more refusals of U0MALLORY in 10 min',
      );
      expect(await log.verify()).toMatchObject({ intact: true, entries: 5 });
    });
  });
}
