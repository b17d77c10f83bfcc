import type { DateTime } from 'luxon';

/** ISO-8601 in UTC with milliseconds: the timestamp format of everything the core stores. */
export function toIso(at: DateTime): string {
  return at.toUTC().toISO() ?? new Date(at.toMillis()).toISOString();
}
