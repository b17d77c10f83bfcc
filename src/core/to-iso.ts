import type { DateTime } from 'luxon';

/** ISO-8601 in UTC with milliseconds: the timestamp format of everything the core stores. */
export function toIso(at: DateTime): string {
  const iso = at.toUTC().toISO();
  // luxon answers null only for an invalid DateTime, which has no ISO form to give.
  if (iso === null) throw new RangeError(`not a valid time: ${at.invalidReason ?? 'unknown'}`);
  return iso;
}
