/**
 * `record[key]` when `key` is the record's own, else undefined: a name someone typed
 * (`constructor`, `__proto__`, `toString`) never finds what every object inherits.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
