import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The private Redis's password file, in `dir` (`.data/`). */
export const REDIS_PASSWORD_FILE = 'redis-password';

/**
 * The password of the private redis-server: the one kept in `dir/redis-password` (readable by
 * its owner only), or a new random one written there on the first start. It is never logged.
 */
export function privateRedisPassword(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, REDIS_PASSWORD_FILE);
  const kept = readKept(path);
  if (kept) {
    chmodSync(path, 0o600);
    return kept;
  }
  const password = randomBytes(24).toString('hex');
  try {
    writeFileSync(path, `${password}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another start wrote one first: use that one.
    const other = readKept(path);
    if (other) return other;
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    writeFileSync(path, `${password}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return password;
}

function readKept(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').trim();
    // What a redis.conf line and a URL carry as they are; anything else is replaced.
    return /^[A-Za-z0-9._~-]{16,}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
