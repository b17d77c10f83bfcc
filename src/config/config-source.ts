import type { Config } from './config';

/**
 * The configuration in force. `current()` is the version to act on now: read it once at the start
 * of a request, a step or a round, and use that one throughout, so a reload in the middle never
 * mixes two versions. It promises nothing about how long a version stays in force; what must
 * not outlive a version (an approval, a plan) carries the version it was made under.
 */
export interface ConfigSource {
  current(): Config;
}

/** A ConfigSource that only the composition root's reloader replaces. */
export interface ReplaceableConfigSource extends ConfigSource {
  replace(next: Config): void;
}

export function createConfigSource(initial: Config): ReplaceableConfigSource {
  let config = initial;
  return {
    current: () => config,
    replace(next) {
      config = next;
    },
  };
}
