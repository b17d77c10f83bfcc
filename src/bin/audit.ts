/**
 * `npm run audit -- --since 7d`: the audit log (commands, votes, denials, refusals, steps and
 * outcomes, with user ids and times) as JSON lines, oldest first, on stdout.
 * `npm run audit -- --verify`: checks the log's hash chain; prints `chain intact: …` and exits 0,
 * or names the first entry that does not match and exits 2 (1: the check could not run).
 */
import { DEFAULT_REDIS_URL } from '../create-runtime';
import { asLifeboatError } from '../errors';
import { createRedis } from '../redis/create-redis';
import { redisKeys } from '../redis/redis-keys';
import { readSettings } from '../settings';
import { parseAuditArgs } from '../approval/parse-audit-args';
import { createAuditLog, type AuditLog } from '../store/audit-log';
import { formatAuditChainReport } from '../store/format-audit-chain-report';

/** Exit code of a chain that does not verify. */
const BROKEN = 2;

async function verify(audit: AuditLog): Promise<number> {
  const report = await audit.verify();
  process.stdout.write(`${formatAuditChainReport(report)}\n`);
  return report.intact ? 0 : BROKEN;
}

async function main(): Promise<number> {
  const settings = readSettings();
  const parsed = parseAuditArgs(process.argv.slice(2), Date.now());
  if (!parsed.ok) throw new Error(parsed.error);
  const { since, environment, operationId, limit } = parsed.args;
  const redis = createRedis(settings.redisUrl ?? DEFAULT_REDIS_URL);
  try {
    const audit = createAuditLog(redis, redisKeys(settings.prefix));
    if (parsed.args.verify) return await verify(audit);
    const entries = await audit.read({
      ...(since ? { since } : {}),
      ...(environment ? { environment } : {}),
      ...(operationId ? { operationId } : {}),
      limit,
      order: 'asc',
    });
    for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
    return 0;
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${asLifeboatError(error).message}\n`);
    process.exit(1);
  },
);
