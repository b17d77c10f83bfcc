import { parseDurationMs } from '../config/duration';

export interface AuditArgs {
  /** ISO-8601: entries at or after. */
  since?: string;
  environment?: string;
  operationId?: string;
  limit: number;
  /** `--verify`: check the hash chain instead of printing entries. */
  verify?: true;
}

export type AuditArgsResult = { ok: true; args: AuditArgs } | { ok: false; error: string };

const USAGE =
  'usage: npm run audit -- [--since 7d|2026-01-01T00:00:00Z] [--env ENV] [--op OP_ID] [--limit N] | --verify';

/**
 * `npm run audit -- --since 7d`: the audit CLI's arguments; `now` resolves relative times.
 * `--verify` checks the whole chain, so it takes no filter.
 */
export function parseAuditArgs(argv: readonly string[], nowMs: number): AuditArgsResult {
  const args: AuditArgs = { limit: 100_000 };
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    if (flag === '--verify') {
      if (inline !== undefined) return { ok: false, error: `--verify takes no value; ${USAGE}` };
      args.verify = true;
      continue;
    }
    filters.push(flag);
    if (!['--since', '--env', '--environment', '--op', '--operation', '--limit'].includes(flag)) {
      return { ok: false, error: `unknown argument ${flag}; ${USAGE}` };
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, error: `${flag} needs a value; ${USAGE}` };
    switch (flag) {
      case '--since': {
        const ms = parseDurationMs(value);
        const at = ms !== undefined ? nowMs - ms : Date.parse(value);
        if (Number.isNaN(at))
          return {
            ok: false,
            error: `--since ${value} is neither a duration (7d) nor a date; ${USAGE}`,
          };
        args.since = new Date(at).toISOString();
        break;
      }
      case '--env':
      case '--environment':
        args.environment = value;
        break;
      case '--op':
      case '--operation':
        args.operationId = value;
        break;
      case '--limit': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1)
          return { ok: false, error: `--limit must be a whole number above 0; ${USAGE}` };
        args.limit = n;
        break;
      }
      default:
        return { ok: false, error: `unknown argument ${flag}; ${USAGE}` };
    }
  }
  if (args.verify && filters.length > 0) {
    return {
      ok: false,
      error: `--verify checks the whole chain and takes no ${filters[0]}; ${USAGE}`,
    };
  }
  return { ok: true, args };
}
