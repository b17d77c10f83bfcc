import type { z } from 'zod';
import { ErrorCode, LifeboatError } from '../errors';

/** Where a stored record lives (its Redis key, and the hash field when it is one), and what it is. */
export interface StoredRecordPlace {
  key: string;
  field?: string;
  /** What the record is, for the message: 'operation', 'environment state'. Default 'record'. */
  what?: string;
}

/**
 * Checks a value read back from Redis against its schema. A value that does not match is a
 * LifeboatError (`stored_record_invalid`, never retryable: reading it again gives the same)
 * naming the key and what is wrong, so a bad record is reported where it is read, never as a
 * crash deep inside a step. Schemas let unknown fields through, so a record that parses comes
 * back as it was stored.
 */
export function parseStoredRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  at: StoredRecordPlace,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the record'}: ${issue.message}`,
  );
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  throw storedRecordInvalid(at, `${issues.slice(0, 3).join('; ')}${more}`, result.error);
}

/** The same for a JSON record: text that is not JSON cannot be read either. */
export function parseStoredJson<T>(schema: z.ZodType<T>, json: string, at: StoredRecordPlace): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw storedRecordInvalid(at, `not JSON: ${(error as Error).message}`, error);
  }
  return parseStoredRecord(schema, value, at);
}

/** The error for a record in Redis that Lifeboat cannot read, whatever is wrong with it. */
export function storedRecordInvalid(
  at: StoredRecordPlace,
  why: string,
  cause?: unknown,
): LifeboatError {
  const where = at.field === undefined ? at.key : `${at.key} (field ${at.field})`;
  return new LifeboatError(
    ErrorCode.StoredRecordInvalid,
    `the ${at.what ?? 'record'} stored at ${where} cannot be read (${why}). Lifeboat leaves it as it is until it is repaired or removed`,
    {
      ...(cause !== undefined ? { cause } : {}),
      meta: { key: at.key, ...(at.field ? { field: at.field } : {}) },
    },
  );
}

/** A Redis read of one key, with Redis's WRONGTYPE answer (a key of another kind) as that error. */
export async function readKey<T>(at: StoredRecordPlace, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('WRONGTYPE')) {
      throw storedRecordInvalid(at, 'the key holds another kind of Redis value', error);
    }
    throw error;
  }
}
