import { Duration } from 'luxon';

const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;
const UNIT = {
  ms: 'milliseconds',
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
} as const;

/**
 * Parses `30m`, `4h`, `24h`, `7d` or ISO-8601 (`PT4H`, `P1D`) into milliseconds.
 * Returns undefined for anything else, and for durations that are not positive.
 */
export function parseDurationMs(text: string | number): number | undefined {
  if (typeof text === 'number') return undefined;
  const trimmed = text.trim();
  const short = SHORT.exec(trimmed);
  const duration = short
    ? Duration.fromObject({ [UNIT[short[2] as keyof typeof UNIT]]: Number(short[1]) })
    : Duration.fromISO(trimmed);
  if (!duration.isValid) return undefined;
  const ms = duration.as('milliseconds');
  return ms > 0 ? ms : undefined;
}

/** Formats milliseconds for people: `3h 20m`, `45s`, `2d 4h`. */
export function formatDurationMs(ms: number): string {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  const text = parts.slice(0, 2).join(' ') || '0s';
  return negative ? `-${text}` : text;
}
