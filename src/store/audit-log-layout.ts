import type { RedisKeys } from '../redis/redis-keys';
import type { RawAuditRecord } from './audit-record';
import type { RefusalWindow } from './plan-audit-append';

/* How the Redis audit log (src/store/audit-log.ts) lies in Redis: its keys, how a stream entry
 * reads back, and the two Lua scripts that read and append atomically. */

/** The keys of the log, all under the stream's own key. */
export function auditKeys(keys: Pick<RedisKeys, 'audit'>) {
  const base = keys.audit;
  return {
    stream: base,
    head: `${base}:head`,
    anchor: `${base}:anchor`,
    /** Set of the environments that have an index. */
    environments: `${base}:envs`,
    environmentIndexPrefix: `${base}:env:`,
    /** A stream of the ids of one environment's entries (same ids as the log). */
    environmentIndex: (env: string) => `${base}:env:${env}`,
    windowPrefix: `${base}:refusals:`,
    window: (actor: string) => `${base}:refusals:${actor}`,
    /** Sorted set of actors whose window counted refusals, by the window's end. */
    dueWindows: `${base}:refusals-due`,
  } as const;
}

export function toFields(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}

export function toRecord([id, flat]: [string, string[]]): RawAuditRecord {
  return { id, fields: toFields(flat) };
}

/** A window read back; one that does not parse counts as none (it only holds a count). */
export function parseRefusalWindow(
  actor: string,
  fields: Record<string, string>,
): RefusalWindow | undefined {
  const numbers = ['start', 'end', 'written', 'suppressed'].map((k) => Number(fields[k]));
  if (numbers.some((n) => !Number.isSafeInteger(n))) return undefined;
  const [startMs = 0, endMs = 0, written = 0, suppressed = 0] = numbers;
  return { actor, startMs, endMs, written, suppressed };
}

/** The window as the append script compares it: '' when absent. */
export function windowSignature(fields: Record<string, string>): string {
  return fields.start === undefined
    ? ''
    : `${fields.start}:${fields.written ?? ''}:${fields.suppressed ?? ''}`;
}

// Reads what an append needs; drops a due mark whose window is gone. Without head or anchor, the
// chain begins after whatever the stream holds (entries older than the chain).
export const READ_STATE = `
local head = redis.call('HGETALL', KEYS[1])
local anchor = redis.call('HGETALL', KEYS[2])
local before = ''
if #head == 0 and #anchor == 0 then
  local last = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', 1)
  if last[1] then before = last[1][1] end
end
local due = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, 1)
local dueWindow = {}
if due[1] then
  dueWindow = redis.call('HGETALL', ARGV[2] .. due[1])
  if #dueWindow == 0 then redis.call('ZREM', KEYS[3], due[1]) end
end
local window = {}
if ARGV[3] ~= '' then window = redis.call('HGETALL', ARGV[2] .. ARGV[3]) end
return { head, anchor, due[1] or '', dueWindow, window, before }`;

/*
 * One step of an append, all or nothing. It writes only if the chain's end and the actor's
 * window are still what the caller planned with; otherwise it answers 'conflict' and the caller
 * plans again. Keys of environment indexes are built from ARGV: Lifeboat runs on one Redis (or
 * Sentinel), not Cluster.
 *
 * KEYS: 1 stream, 2 head, 3 anchor, 4 environments set, 5 window, 6 due windows
 * ARGV: 1 mode (write|count), 2 expected prev hash, 3 expected prev id, 4 genesis hash,
 *       5 the window as planned ('' absent, else start:written:suppressed),
 *       6 window op ('' none, count, bump, open, claim),
 *       7 new window start, 8 new window end, 9 window ttl ms, 10 actor,
 *       11 trim cutoff ms, 12 trim batch, 13 environment index prefix,
 *       14 entry, 15 n, 16 prev, 17 prevId, 18 hash, 19 at, 20 environment ('' none)
 */
export const APPEND = `
if ARGV[6] ~= '' then
  local w = redis.call('HMGET', KEYS[5], 'start', 'written', 'suppressed')
  local seen = ''
  if w[1] then seen = w[1] .. ':' .. (w[2] or '') .. ':' .. (w[3] or '') end
  if seen ~= ARGV[5] then return { 'conflict' } end
end

if ARGV[1] == 'count' then
  if redis.call('HINCRBY', KEYS[5], 'suppressed', 1) == 1 then
    redis.call('PERSIST', KEYS[5])
    redis.call('ZADD', KEYS[6], redis.call('HGET', KEYS[5], 'end'), ARGV[10])
  end
  return { 'counted' }
end

local prevHash = ARGV[4]
local prevId = ''
local head = redis.call('HMGET', KEYS[2], 'hash', 'id')
if head[1] then
  prevHash = head[1]
  prevId = head[2] or ''
else
  local anchor = redis.call('HMGET', KEYS[3], 'hash', 'id')
  if anchor[1] then
    prevHash = anchor[1]
    prevId = anchor[2] or ''
  else
    -- The first chained entry: it follows whatever the stream already holds.
    local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
    if last[1] then prevId = last[1][1] end
  end
end
if prevHash ~= ARGV[2] or prevId ~= ARGV[3] then return { 'conflict' } end

-- Retention, by the time of each entry (its at, else its id's), oldest first and a batch at a
-- time, stopping at the first entry that is young enough; the newest entry removed becomes the
-- anchor.
local function fieldsOf(flat)
  local f = {}
  for i = 1, #flat, 2 do f[flat[i]] = flat[i + 1] end
  return f
end
local function isoMs(s)
  local y, mo, d, h, mi, sec, frac =
    string.match(s, '^(%d%d%d%d)-(%d%d)-(%d%d)T(%d%d):(%d%d):(%d%d)%.?(%d*)Z$')
  if not y then return nil end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  if mo <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local doy = math.floor((153 * ((mo + 9) % 12) + 2) / 5) + d - 1
  local days = era * 146097 + yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy - 719468
  return ((days * 24 + tonumber(h)) * 60 + tonumber(mi)) * 60000 + tonumber(sec) * 1000
    + tonumber(string.sub(frac .. '000', 1, 3))
end
local function timeOf(record)
  local f = fieldsOf(record[2])
  local at = nil
  if f.entry then
    local ok, decoded = pcall(cjson.decode, f.entry)
    if ok and type(decoded) == 'table' and type(decoded.at) == 'string' then at = decoded.at end
  end
  local ms = at and isoMs(at)
  return ms or tonumber(string.match(record[1], '^(%d+)')), at, f
end
local cutoff = tonumber(ARGV[11])
local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
if oldest[1] and timeOf(oldest[1]) < cutoff then
  local last, lastAt, lastFields
  for _, record in ipairs(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', tonumber(ARGV[12]))) do
    local ms, at, f = timeOf(record)
    if ms >= cutoff then break end
    last, lastAt, lastFields = record, at, f
  end
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[3], 'hash', lastFields.hash or ARGV[4], 'n', lastFields.n or '0', 'id', last[1])
  if lastAt then redis.call('HSET', KEYS[3], 'at', lastAt) end
  local ms, seq = string.match(last[1], '^(%d+)-(%d+)$')
  local minId = ms .. '-' .. string.format('%d', tonumber(seq) + 1)
  redis.call('XTRIM', KEYS[1], 'MINID', minId)
  for _, env in ipairs(redis.call('SMEMBERS', KEYS[4])) do
    redis.call('XTRIM', ARGV[13] .. env, 'MINID', minId)
  end
end

local id = redis.call('XADD', KEYS[1], '*', 'entry', ARGV[14], 'n', ARGV[15], 'prev', ARGV[16],
  'prevId', ARGV[17], 'hash', ARGV[18])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'hash', ARGV[18], 'n', ARGV[15], 'id', id, 'at', ARGV[19])
if ARGV[20] ~= '' then
  redis.call('SADD', KEYS[4], ARGV[20])
  -- An index that cannot take the id (tampered with) must not undo the entry already written.
  redis.pcall('XADD', ARGV[13] .. ARGV[20], id, 'n', ARGV[15])
end

if ARGV[6] == 'bump' then
  redis.call('HINCRBY', KEYS[5], 'written', 1)
elseif ARGV[6] == 'open' then
  redis.call('DEL', KEYS[5])
  redis.call('HSET', KEYS[5], 'start', ARGV[7], 'end', ARGV[8], 'written', '1', 'suppressed', '0')
  redis.call('PEXPIRE', KEYS[5], ARGV[9])
  redis.call('ZREM', KEYS[6], ARGV[10])
elseif ARGV[6] == 'claim' then
  redis.call('DEL', KEYS[5])
  redis.call('ZREM', KEYS[6], ARGV[10])
end
return { 'ok', id }`;
