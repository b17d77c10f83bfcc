import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import type { EnvironmentState } from '../core/types';
import type { RedisKeys } from '../redis/redis-keys';

/**
 * Where each environment runs now. An environment never written is where the configuration puts
 * it: active in its primary region, protected into its recovery region.
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

export function defaultEnvironmentState(
  config: Config,
  environment: string,
  at: string,
): EnvironmentState {
  const env = config.environments[environment];
  if (!env) throw new Error(`unknown environment ${environment}`);
  return {
    environment,
    activeRegion: env.primaryRegion,
    protectionRegion: env.recoveryRegion,
    resources: Object.fromEntries(env.resources.map((r) => [r.arn, r.arn])),
    updatedAt: at,
  };
}

export function createEnvironmentStateStore(
  redis: Redis,
  keys: RedisKeys,
  getConfig: () => Config,
  now: () => string,
): EnvironmentStateStore {
  async function get(environment: string): Promise<EnvironmentState> {
    const json = await redis.get(keys.environmentState(environment));
    const fallback = defaultEnvironmentState(getConfig(), environment, now());
    if (!json) return fallback;
    const stored = JSON.parse(json) as EnvironmentState;
    // Resources added to the configuration since run where the configuration says.
    return { ...stored, resources: { ...fallback.resources, ...stored.resources } };
  }
  async function put(state: EnvironmentState): Promise<void> {
    await redis.set(keys.environmentState(state.environment), JSON.stringify(state));
  }
  return {
    get,
    put,
    async update(environment, change) {
      const key = keys.environmentState(environment);
      for (let attempt = 0; attempt < 20; attempt++) {
        const before = await redis.get(key);
        const state = before
          ? await get(environment)
          : defaultEnvironmentState(getConfig(), environment, now());
        const next = change(state);
        if (!next) return state;
        const json = JSON.stringify({ ...next, updatedAt: now() });
        const written = await redis.eval(
          `if redis.call('GET', KEYS[1]) == ARGV[1] or (ARGV[1] == '' and redis.call('EXISTS', KEYS[1]) == 0) then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`,
          1,
          key,
          before ?? '',
          json,
        );
        if (written === 1) return JSON.parse(json) as EnvironmentState;
      }
      throw new Error(`environment ${environment} state is changing too fast to update`);
    },
  };
}
