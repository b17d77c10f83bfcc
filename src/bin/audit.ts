/**
 * `npm run audit -- --since 7d`: the audit log (commands, votes, denials, refusals, steps and
 * outcomes, with user ids and times) as JSON lines, oldest first, on stdout.
 */
import { DEFAULT_REDIS_URL } from '../create-runtime';
import { asLifeboatError } from '../errors';
import { createRedis } from '../redis/create-redis';
import { redisKeys } from '../redis/redis-keys';
import { readSettings } from '../settings';
import { parseAuditArgs } from '../approval/parse-audit-args';
import { createAuditLog } from '../store/audit-log';

async function main(): Promise<void> {
  const settings = readSettings();
  const parsed = parseAuditArgs(process.argv.slice(2), Date.now());
  if (!parsed.ok) throw new Error(parsed.error);
  const { since, environment, operationId, limit } = parsed.args;
  const redis = createRedis(settings.redisUrl ?? DEFAULT_REDIS_URL);
  try {
    const entries = await createAuditLog(redis, redisKeys(settings.prefix)).read({
      ...(since ? { since } : {}),
      ...(environment ? { environment } : {}),
      ...(operationId ? { operationId } : {}),
      limit,
      order: 'asc',
    });
    for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${asLifeboatError(error).message}\n`);
  process.exit(1);
});
