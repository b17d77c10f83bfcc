import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';

/** What happened, who did it, when: commands, votes, denials, refusals, steps and outcomes. */
export interface AuditEntry {
  /** e.g. command, vote, denial, refusal, operation.step, operation.finished, alert, backup. */
  type: string;
  /** A Slack user id, or `lifeboat` for the bot's own acts. */
  actor: string;
  at: string;
  environment?: string;
  operationId?: string;
  /** One line a person can read. */
  summary: string;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEntry extends AuditEntry {
  /** The stream entry id (`ms-seq`): ordered, unique. */
  id: string;
}

/**
 * An append-only Redis stream. Promises: `append` never rewrites an entry; `read` returns entries
 * newest first (or oldest first with `order: 'asc'`), filtered by time, environment and operation.
 */
export interface AuditLog {
  append(entry: AuditEntry): Promise<string>;
  read(options?: {
    since?: string;
    environment?: string;
    operationId?: string;
    limit?: number;
    order?: 'asc' | 'desc';
  }): Promise<StoredAuditEntry[]>;
}

export function createAuditLog(redis: Redis, keys: RedisKeys): AuditLog {
  return {
    async append(entry) {
      const id = await redis.xadd(keys.audit, '*', 'entry', JSON.stringify(entry));
      return id ?? '';
    },
    async read({ since, environment, operationId, limit = 50, order = 'desc' } = {}) {
      const start = since ? String(Date.parse(since)) : '-';
      const matches: StoredAuditEntry[] = [];
      // Read in pages, so filters over a long history never load it whole.
      let cursor = order === 'desc' ? '+' : start;
      for (;;) {
        const page =
          order === 'desc'
            ? await redis.xrevrange(keys.audit, cursor, start, 'COUNT', 500)
            : await redis.xrange(keys.audit, cursor, '+', 'COUNT', 500);
        for (const [id, fields] of page) {
          const entry = JSON.parse(fields[1] ?? '{}') as AuditEntry;
          if (environment && entry.environment !== environment) continue;
          if (operationId && entry.operationId !== operationId) continue;
          matches.push({ id, ...entry });
          if (matches.length >= limit) return matches;
        }
        if (page.length < 500) return matches;
        const last = page[page.length - 1]?.[0] ?? '';
        cursor = `(${last}`;
      }
    },
  };
}
