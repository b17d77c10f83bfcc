import type { Logger } from '../logger';

/** Where a queue or worker error came from, for the log line. */
export type ErrorSource = (source: string) => (error: Error) => void;

const MAX_REMEMBERED = 200;

/**
 * 'error' listeners for BullMQ queues and workers (without one, BullMQ prints each error with
 * console.error). While Redis is down every connection reports every reconnect attempt; this logs
 * each distinct error of each source once per `everyMs`, and says how many it left out.
 */
export function throttledErrorLog(
  logger: Logger,
  options: { everyMs?: number; nowMs?: () => number } = {},
): ErrorSource {
  const everyMs = options.everyMs ?? 30_000;
  const nowMs = options.nowMs ?? Date.now;
  const seen = new Map<string, { at: number; skipped: number }>();
  return (source) => (error) => {
    const key = `${source}\u0000${error.message}`;
    const now = nowMs();
    const last = seen.get(key);
    if (last && now - last.at < everyMs) {
      last.skipped += 1;
      return;
    }
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.set(key, { at: now, skipped: 0 });
    logger.error(
      { source, err: error, ...(last?.skipped ? { repeated: last.skipped } : {}) },
      `${source} error`,
    );
  };
}
