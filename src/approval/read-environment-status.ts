import type { EnvironmentConfig } from '../config/config';
import type { StoredExposure } from '../backups/stored-exposure';
import type { EnvironmentState, Operation } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';

export interface EnvironmentStatus {
  environment: EnvironmentConfig;
  state: EnvironmentState;
  /** Undefined until the RPO monitor has measured it. */
  exposure?: StoredExposure;
  /** The operation holding the environment's lock, if any. */
  running?: Operation;
}

/** One environment as `/dr status` and the App Home show it: all from Redis, no AWS call. */
export async function readEnvironmentStatus(
  deps: LifeboatDeps,
  environment: EnvironmentConfig,
): Promise<EnvironmentStatus> {
  const [state, json, holder] = await Promise.all([
    deps.environments.get(environment.name),
    deps.redis.get(deps.keys.exposure(environment.name)),
    deps.locks.holder(environment.name),
  ]);
  const running = holder ? await deps.operations.get(holder) : undefined;
  let exposure: StoredExposure | undefined;
  if (json) {
    try {
      exposure = JSON.parse(json) as StoredExposure;
    } catch {
      deps.logger.warn({ environment: environment.name }, 'exposure record is not JSON; ignored');
    }
  }
  return {
    environment,
    state,
    ...(exposure ? { exposure } : {}),
    ...(running ? { running } : {}),
  };
}

/** Every configured environment, or the one named. */
export async function readStatuses(
  deps: LifeboatDeps,
  only?: string,
): Promise<EnvironmentStatus[]> {
  const envs = Object.values(deps.config.environments).filter((e) => !only || e.name === only);
  return Promise.all(envs.map((env) => readEnvironmentStatus(deps, env)));
}
