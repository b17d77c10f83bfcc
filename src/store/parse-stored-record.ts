import type { z } from 'zod';
import { ErrorCode, LifeboatError } from '../errors';

/**
 * A record read back from Redis, checked against its schema. One that is not JSON, or not of the
 * shape, is a LifeboatError naming the key and what is wrong with it (never retryable: reading
 * it again gives the same), instead of a crash further on in the code that trusted it. A record
 * that parses comes back as it was stored.
 */
export function parseStoredRecord<T>(
  key: string,
  what: string,
  json: string,
  schema: z.ZodType<T>,
): T {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw storedRecordInvalid(key, what, `not JSON: ${(error as Error).message}`, error);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'the record'}: ${issue.message}`,
    );
    const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
    throw storedRecordInvalid(key, what, `${issues.slice(0, 3).join('; ')}${more}`, result.error);
  }
  return raw as T;
}

/** The error for a record in Redis that Lifeboat cannot read, whatever is wrong with it. */
export function storedRecordInvalid(
  key: string,
  what: string,
  why: string,
  cause?: unknown,
): LifeboatError {
  return new LifeboatError(
    ErrorCode.StoredRecordInvalid,
    `the ${what} stored at ${key} cannot be read (${why}). Lifeboat leaves it as it is until it is repaired or removed`,
    { cause, meta: { key } },
  );
}

/** A Redis read of one key, with Redis's WRONGTYPE answer (a key of another kind) as that error. */
export async function readKey<T>(key: string, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('WRONGTYPE')) {
      throw storedRecordInvalid(key, what, 'the key holds another kind of Redis value', error);
    }
    throw error;
  }
}
