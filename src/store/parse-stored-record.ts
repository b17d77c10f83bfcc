import type { z } from 'zod';
import { ErrorCode, LifeboatError } from '../errors';

/** Where a stored record lives: its Redis key, and the hash field when it is one. */
export interface StoredRecordPlace {
  key: string;
  field?: string;
}

/**
 * Checks a value read back from Redis against its schema. A value that does not match is a
 * LifeboatError naming the key (and field), so a bad record is reported where it is read, never
 * as a crash deep inside a step.
 */
export function parseStoredRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  at: StoredRecordPlace,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`,
    )
    .join('; ');
  throw unreadable(at, problems);
}

/** The same for a JSON record: text that is not JSON is unreadable too. */
export function parseStoredJson<T>(schema: z.ZodType<T>, json: string, at: StoredRecordPlace): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw unreadable(at, 'not JSON', error);
  }
  return parseStoredRecord(schema, value, at);
}

function unreadable(at: StoredRecordPlace, problems: string, cause?: unknown): LifeboatError {
  const where = at.field === undefined ? at.key : `${at.key} (field ${at.field})`;
  return new LifeboatError(
    ErrorCode.Internal,
    `the record at ${where} is unreadable (${problems}); it was changed by hand or written by another version of Lifeboat`,
    { ...(cause !== undefined ? { cause } : {}), meta: { ...at } },
  );
}
