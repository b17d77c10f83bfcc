import type { EnvironmentConfig } from '../config/config';
import type { StoredExposure } from '../store/exposure-store';
import type { EnvironmentState, Operation } from '../core/types';
import { LifeboatError } from '../errors';
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
  const [state, exposure, holder] = await Promise.all([
    deps.environments.get(environment.name),
    readExposure(deps, environment.name),
    deps.locks.holder(environment.name),
  ]);
  const running = holder ? await deps.operations.get(holder) : undefined;
  return {
    environment,
    state,
    ...(exposure ? { exposure } : {}),
    ...(running ? { running } : {}),
  };
}

/** The stored exposure; an unreadable one is logged and shown as not measured yet. */
async function readExposure(
  deps: LifeboatDeps,
  environment: string,
): Promise<StoredExposure | undefined> {
  try {
    return await deps.exposures.get(environment);
  } catch (error) {
    // Redis itself failing is not this; only a record the store could not read.
    if (!(error instanceof LifeboatError)) throw error;
    deps.logger.warn({ environment, err: error }, 'exposure record is unreadable; ignored');
    return undefined;
  }
}

/** Every configured environment, or the one named. */
export async function readStatuses(
  deps: LifeboatDeps,
  only?: string,
): Promise<EnvironmentStatus[]> {
  const envs = Object.values(deps.config.current().environments).filter(
    (e) => !only || e.name === only,
  );
  return Promise.all(envs.map((env) => readEnvironmentStatus(deps, env)));
}
