import type { LifeboatDeps } from '../lifeboat-deps';
import { checkEnvironmentRpo, createRpoStores } from './check-environment-rpo';
import type { StoredExposure } from '../store/exposure-store';

export interface MonitorRpoResult {
  checked: Record<string, Pick<StoredExposure, 'status' | 'worstExposureMs'>>;
  /** Environments that could not be measured, with why; the others were. */
  errors: Record<string, string>;
}

/**
 * One round of the RPO monitor over every configured environment. One environment that cannot
 * be measured never stops the others.
 */
export async function monitorRpo(
  deps: LifeboatDeps,
  options: { floorMs?: number } = {},
): Promise<MonitorRpoResult> {
  const stores = createRpoStores(deps, options.floorMs);
  const result: MonitorRpoResult = { checked: {}, errors: {} };
  await Promise.all(
    Object.values(deps.config.current().environments).map(async (env) => {
      try {
        const { exposure } = await checkEnvironmentRpo(deps, env, stores);
        result.checked[env.name] = {
          status: exposure.status,
          ...(exposure.worstExposureMs !== undefined
            ? { worstExposureMs: exposure.worstExposureMs }
            : {}),
        };
      } catch (error) {
        result.errors[env.name] = error instanceof Error ? error.message : String(error);
        deps.logger.warn({ environment: env.name, err: error }, 'RPO check failed');
      }
    }),
  );
  return result;
}
