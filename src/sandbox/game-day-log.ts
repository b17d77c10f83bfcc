/** One line of the game-day timeline. */
export interface TimelineEntry {
  at: string;
  /** Who or what: the page (`game-day`), `slack`, `audit` (Lifeboat's own log) or `aws` (the emulator's call log). */
  source: 'game-day' | 'slack' | 'audit' | 'aws';
  actor?: string;
  text: string;
  /** `error` for failures and faults, `warn` for outages. */
  level?: 'info' | 'warn' | 'error';
}

/** What the people at the game day did from the page, newest last, bounded. */
export function createGameDayLog(limit = 500, nowMs: () => number = Date.now) {
  const entries: TimelineEntry[] = [];
  return {
    add(entry: Omit<TimelineEntry, 'at'>): void {
      entries.push({ at: new Date(nowMs()).toISOString(), ...entry });
      if (entries.length > limit) entries.splice(0, entries.length - limit);
    },
    list(): TimelineEntry[] {
      return [...entries];
    },
    clear(): void {
      entries.length = 0;
    },
  };
}

export type GameDayLog = ReturnType<typeof createGameDayLog>;
