import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import { isoNow, type Clock } from '../clock';
import { initialEnvironmentState } from '../core/environment-state';
import type { EnvironmentState } from '../core/types';
import type { RedisKeys } from '../redis/redis-keys';
import { environmentStateSchema } from './environment-state-schema';
import { parseStoredJson, readKey } from './parse-stored-record';

/**
 * Where each environment runs now. An environment never written is where the configuration puts
 * it: active in its primary region, protected into its recovery region. A stored state that does
 * not parse is a LifeboatError (`stored_record_invalid`) naming its key.
 */
export interface EnvironmentStateStore {
  get(environment: string): Promise<EnvironmentState>;
  put(state: EnvironmentState): Promise<void>;
  /** Read-modify-write; `change` returning undefined writes nothing. */
  update(
    environment: string,
    change: (state: EnvironmentState) => EnvironmentState | undefined,
  ): Promise<EnvironmentState>;
}

const PUT_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) == ARGV[1] or (ARGV[1] == '' and redis.call('EXISTS', KEYS[1]) == 0) then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export function createEnvironmentStateStore(
  redis: Redis,
  keys: RedisKeys,
  getConfig: () => Config,
  clock: Clock,
): EnvironmentStateStore {
  /** The stored state, or where the configuration puts an environment never written. */
  function fromJson(environment: string, json: string | null): EnvironmentState {
    const env = getConfig().environments[environment];
    if (!env) throw new Error(`unknown environment ${environment}`);
    const initial = initialEnvironmentState(env, clock.now());
    if (!json) return initial;
    const key = keys.environmentState(environment);
    const stored = parseStoredJson(environmentStateSchema, json, {
      key,
      what: 'environment state',
    });
    // Resources added to the configuration since run where the configuration says.
    return { ...stored, resources: { ...initial.resources, ...stored.resources } };
  }

  return {
    async get(environment) {
      const key = keys.environmentState(environment);
      return fromJson(
        environment,
        await readKey({ key, what: 'environment state' }, () => redis.get(key)),
      );
    },
    async put(state) {
      await redis.set(keys.environmentState(state.environment), JSON.stringify(state));
    },
    async update(environment, change) {
      const key = keys.environmentState(environment);
      for (let attempt = 0; attempt < 20; attempt++) {
        const before = await readKey({ key, what: 'environment state' }, () => redis.get(key));
        const next = change(fromJson(environment, before));
        if (!next) return fromJson(environment, before);
        const json = JSON.stringify({ ...next, updatedAt: isoNow(clock) });
        const written = await redis.eval(PUT_IF_UNCHANGED, 1, key, before ?? '', json);
        if (written === 1) return JSON.parse(json) as EnvironmentState;
      }
      throw new Error(`environment ${environment} state is changing too fast to update`);
    },
  };
}
