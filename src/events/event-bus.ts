import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis/redis-keys';
import type { LifeboatEvent } from './lifeboat-event';

/**
 * Events from workers to the Slack side, on a Redis stream read by a consumer group: every event
 * is handled by one consumer of the group, at least once (an unacknowledged event is delivered
 * again after a consumer dies), so handlers must tolerate a duplicate.
 */
export interface EventBus {
  publish(event: LifeboatEvent): Promise<void>;
  /**
   * Creates `group` at the end of the stream if it does not exist, so a consumer that starts
   * later still receives every event published from now on.
   */
  ensureGroup(group: string): Promise<void>;
  /**
   * Reads events for `group` until `stop()` is called. `blockingRedis` is a connection of its own:
   * XREADGROUP BLOCK holds it.
   */
  consume(
    blockingRedis: Redis,
    group: string,
    consumer: string,
    handle: (event: LifeboatEvent) => Promise<void>,
    options?: { blockMs?: number; onError?: (error: unknown, event: LifeboatEvent) => void },
  ): { stop: () => Promise<void> };
}

const MAX_LEN = 10_000;

export function createEventBus(redis: Redis, keys: RedisKeys): EventBus {
  async function ensureGroup(group: string): Promise<void> {
    try {
      await redis.xgroup('CREATE', keys.events, group, '$', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  return {
    async publish(event) {
      await redis.xadd(keys.events, 'MAXLEN', '~', MAX_LEN, '*', 'event', JSON.stringify(event));
    },

    ensureGroup,

    consume(blockingRedis, group, consumer, handle, { blockMs = 1000, onError } = {}) {
      let running = true;
      const loop = (async () => {
        await ensureGroup(group);
        // First what this consumer had read but not acknowledged (a crash), then new events.
        let cursor = '0';
        while (running) {
          const reply = (await blockingRedis.xreadgroup(
            'GROUP',
            group,
            consumer,
            'COUNT',
            50,
            'BLOCK',
            blockMs,
            'STREAMS',
            keys.events,
            cursor,
          )) as [string, [string, string[]][]][] | null;
          const entries = reply?.[0]?.[1] ?? [];
          if (cursor === '0' && entries.length === 0) cursor = '>';
          for (const [id, fields] of entries) {
            const event = JSON.parse(fields[1] ?? '{}') as LifeboatEvent;
            try {
              await handle(event);
            } catch (error) {
              onError?.(error, event);
            }
            await redis.xack(keys.events, group, id);
          }
        }
      })();
      return {
        stop: async () => {
          running = false;
          await loop.catch(() => undefined);
        },
      };
    },
  };
}
