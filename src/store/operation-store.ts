import type { Redis } from 'ioredis';
import type { Operation } from '../core/types';
import { ErrorCode, LifeboatError } from '../errors';
import type { RedisKeys } from '../redis/redis-keys';
import { operationSchema } from './operation-schema';
import { parseStoredJson, readKey } from './parse-stored-record';

/**
 * Operations in Redis, one hash each (`json` and a revision `rev`). Promises:
 * - `create` never overwrites: a second create of the same id returns false;
 * - `update` is an atomic read-modify-write: the change function sees the latest operation and
 *   its result is written only if nobody wrote in between (compare-and-set on `rev`, retried),
 *   so two approvers racing, or a click and an expiry, each see the other's effect;
 * - the change function returns undefined to leave the operation as it is;
 * - what is read back is checked: a record that does not parse is a LifeboatError
 *   (`stored_record_invalid`) naming its key, from `get`, `update` and `list` alike.
 */
export interface OperationStore {
  create(op: Operation): Promise<boolean>;
  get(id: string): Promise<Operation | undefined>;
  update<R = undefined>(
    id: string,
    change: (op: Operation) => { op: Operation; result?: R } | undefined,
  ): Promise<{ op: Operation; changed: boolean; result?: R }>;
  /** Newest first. */
  list(options?: { environment?: string; limit?: number }): Promise<Operation[]>;
}

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'rev', '1', 'json', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1`;

const COMPARE_AND_SET = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rev', tostring(tonumber(ARGV[1]) + 1), 'json', ARGV[2])
return 1`;

export function createOperationStore(redis: Redis, keys: RedisKeys): OperationStore {
  async function read(id: string): Promise<{ op: Operation; rev: string } | undefined> {
    const key = keys.operation(id);
    const [rev, json] = await readKey({ key, what: 'operation' }, () =>
      redis.hmget(key, 'rev', 'json'),
    );
    if (!rev || !json) return undefined;
    return { op: parseStoredJson(operationSchema, json, { key, what: 'operation' }), rev };
  }

  return {
    async create(op) {
      const score = Date.parse(op.requestedAt);
      const created = await redis.eval(
        CREATE,
        3,
        keys.operation(op.id),
        keys.operations,
        keys.environmentOperations(op.environment),
        JSON.stringify(op),
        String(score),
        op.id,
      );
      return created === 1;
    },

    async get(id) {
      return (await read(id))?.op;
    },

    async update(id, change) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await read(id);
        if (!current) throw new LifeboatError(ErrorCode.NotFound, `no operation ${id}`);
        const next = change(current.op);
        if (!next) return { op: current.op, changed: false };
        const written = await redis.eval(
          COMPARE_AND_SET,
          1,
          keys.operation(id),
          current.rev,
          JSON.stringify(next.op),
        );
        if (written === 1) {
          return next.result === undefined
            ? { op: next.op, changed: true }
            : { op: next.op, changed: true, result: next.result };
        }
      }
      throw new LifeboatError(
        ErrorCode.Conflict,
        `operation ${id} is changing too fast to update; try again`,
        {
          retryable: true,
        },
      );
    },

    async list({ environment, limit = 20 } = {}) {
      const index = environment ? keys.environmentOperations(environment) : keys.operations;
      const ids = await redis.zrevrange(index, 0, limit - 1);
      const ops = await Promise.all(ids.map((id) => read(id)));
      return ops.flatMap((entry) => (entry ? [entry.op] : []));
    },
  };
}
