import pino from 'pino';

/** Redis commands whose arguments carry a password (AUTH, HELLO … AUTH, MIGRATE … AUTH, ACL SETUSER, CONFIG SET requirepass). */
const PASSWORD_COMMANDS = new Set(['auth', 'hello', 'migrate', 'acl', 'config']);
const REDACTED = '[Redacted]';
/** Deep enough for an error inside an aggregate inside an error. */
const MAX_DEPTH = 6;

/**
 * pino's error serializer, minus the arguments of a Redis command that carry a password. ioredis
 * puts the failed command on its errors (`command: { name, args }`), so a refused connection's
 * error says `{ name: 'hello', args: ['3', 'AUTH', 'default', PASSWORD] }`; that is kept as
 * `{ name: 'hello', args: ['[Redacted]'] }`. Every other field is pino's.
 */
export function serializeError(error: unknown): unknown {
  return withoutPasswords(pino.stdSerializers.err(error as Error), 0);
}

function withoutPasswords(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // Only copied when something inside changes.
    const items = value.map((item: unknown) => withoutPasswords(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const field = record[key];
    const next = isPasswordCommand(field)
      ? { ...field, args: [REDACTED] }
      : withoutPasswords(field, depth + 1);
    if (next !== field) {
      copy ??= { ...record };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

function isPasswordCommand(value: unknown): value is { name: string; args: unknown[] } {
  if (value === null || typeof value !== 'object') return false;
  const { name, args } = value as { name?: unknown; args?: unknown };
  return (
    typeof name === 'string' && Array.isArray(args) && PASSWORD_COMMANDS.has(name.toLowerCase())
  );
}
