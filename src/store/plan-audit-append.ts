import type { AuditEntry } from './audit-record';
import type { AuditChainLink } from './audit-record';

/** The refusals of one actor within one window: how many were written, how many only counted. */
export interface RefusalWindow {
  actor: string;
  startMs: number;
  endMs: number;
  written: number;
  suppressed: number;
}

export interface RefusalLimits {
  /** How long a window lasts. */
  refusalWindowMs: number;
  /** How many refusals of one actor each window writes; the rest are counted. */
  refusalsPerWindow: number;
}

/** What an append sees before it acts; the store re-checks all of it when it writes. */
export interface AuditAppendState {
  /** What the next entry chains to: the head, else the anchor, else the genesis. */
  prev: AuditChainLink;
  /** The appending actor's window, when the entry is a refusal and a window is stored. */
  window?: RefusalWindow;
  /** The oldest window that has closed with refusals counted and not yet written. */
  due?: RefusalWindow;
}

/**
 * One atomic step of an append. `count`: the entry is only counted in its actor's open window.
 * `flush`: a closed window's count is written as an entry of its own (and the window claimed);
 * the append then plans again. `write`: the entry itself is written, with its actor's window
 * bumped or (re)opened when it is a refusal.
 */
export type AuditAppendStep =
  | { kind: 'count'; window: RefusalWindow }
  | { kind: 'flush'; window: RefusalWindow; entry: AuditEntry }
  | {
      kind: 'write';
      entry: AuditEntry;
      window?:
        | { op: 'bump'; expected: RefusalWindow }
        | { op: 'open'; expected?: RefusalWindow; next: RefusalWindow };
    };

/** How many closed windows one append writes at most before its own entry. */
export const FLUSHES_PER_APPEND = 5;

/** Actors never rate-limited: Lifeboat's own refusals are few and each one matters. */
const UNLIMITED_ACTORS: ReadonlySet<string> = new Set(['lifeboat']);

/** Whether the entry is a refusal that counts against its actor's window. */
/**
 * An entry as it is logged: one without an actor (a request that named no user) is logged, and
 * its refusals are counted, under one name of its own, so that they cannot escape the limit.
 */
export function withLoggedActor(entry: AuditEntry): AuditEntry {
  return entry.actor === '' ? { ...entry, actor: UNKNOWN_ACTOR } : entry;
}
export const UNKNOWN_ACTOR = '(no user)';

export function isLimitedRefusal(entry: AuditEntry): boolean {
  return entry.type === 'refusal' && !UNLIMITED_ACTORS.has(entry.actor);
}

/** The entry a closed window's count is written as. */
export function refusalCountEntry(window: RefusalWindow, nowMs: number): AuditEntry {
  const minutes = Math.round((window.endMs - window.startMs) / 60_000);
  const n = window.suppressed;
  return {
    type: 'refusal',
    actor: window.actor,
    at: new Date(nowMs).toISOString(),
    summary: `and ${n} more refusal${n === 1 ? '' : 's'} of ${window.actor} in ${minutes} min`,
    detail: {
      counted: n,
      windowStart: new Date(window.startMs).toISOString(),
      windowEnd: new Date(window.endMs).toISOString(),
    },
  };
}

/**
 * The next step of appending `entry`: first any closed window's count, then the entry, which a
 * refusal beyond its actor's allowance turns into a count. Pure: both stores run it.
 */
export function planAuditAppend(
  entry: AuditEntry,
  state: AuditAppendState,
  nowMs: number,
  limits: RefusalLimits,
): AuditAppendStep {
  if (state.due && state.due.endMs <= nowMs && state.due.suppressed > 0) {
    return { kind: 'flush', window: state.due, entry: refusalCountEntry(state.due, nowMs) };
  }
  if (!isLimitedRefusal(entry)) return { kind: 'write', entry };
  const { window } = state;
  if (window && window.endMs <= nowMs && window.suppressed > 0) {
    // Closed, and its count not yet written (its mark among the due windows went missing).
    return { kind: 'flush', window, entry: refusalCountEntry(window, nowMs) };
  }
  if (window && nowMs < window.endMs) {
    if (window.written < limits.refusalsPerWindow) {
      return { kind: 'write', entry, window: { op: 'bump', expected: window } };
    }
    return { kind: 'count', window };
  }
  const next: RefusalWindow = {
    actor: entry.actor,
    startMs: nowMs,
    endMs: nowMs + limits.refusalWindowMs,
    written: 1,
    suppressed: 0,
  };
  return {
    kind: 'write',
    entry,
    window: { op: 'open', ...(window ? { expected: window } : {}), next },
  };
}
