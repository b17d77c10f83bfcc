import { Duration } from 'luxon';

// Formatting moved to the core (messages are built there); imported from here until every caller
// takes it from src/core/format-duration.

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
