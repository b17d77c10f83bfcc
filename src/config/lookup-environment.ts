import { ownValue } from '../core/own-value';
import type { Config, EnvironmentConfig } from './config';

export type EnvironmentLookup =
  { ok: true; env: EnvironmentConfig } | { ok: false; message: string; suggestion?: string };

/**
 * The configured environment a person named, exactly (names are case-sensitive). Otherwise why
 * not: the one meant when only the case differs, else the names there are.
 */
export function lookupEnvironment(config: Config, name: string): EnvironmentLookup {
  const env = ownValue(config.environments, name);
  if (env) return { ok: true, env };
  const names = Object.keys(config.environments);
  const suggestion = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (suggestion) {
    return {
      ok: false,
      message: `there is no environment "${name}"; did you mean ${suggestion}? (names are case-sensitive)`,
      suggestion,
    };
  }
  return {
    ok: false,
    message: `there is no environment "${name}"; the environments are ${names.join(', ')}`,
  };
}
