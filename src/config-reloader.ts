import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { toIso } from './core/to-iso';
import { oneAtATime } from './one-at-a-time';
import type { LifeboatDeps } from './lifeboat-deps';
import { parseConfig, type Config } from './config/config';
import type { ReplaceableConfigSource } from './config/config-source';

export type ReloadOutcome =
  | { outcome: 'unchanged' }
  | { outcome: 'reloaded'; config: Config }
  | { outcome: 'rejected'; problems: string[] };

export interface ConfigReloader {
  /** Reads DR_CONFIG again now (also on SIGHUP and when the file changes). */
  reload(): Promise<ReloadOutcome>;
  stop(): void;
}

/** How long one announcement of a version (or of a rejected file) is remembered. */
const ANNOUNCED_MS = 24 * 3_600_000;

/**
 * Live configuration: when DR_CONFIG changes (polled, so editors' renames and Kubernetes'
 * ConfigMap swaps are seen) or on SIGHUP, the file is read and validated again. A valid new
 * version replaces the config source's current one and `onReload` brings the schedules in line; approvals given
 * under the old version no longer start their operation (the plan's fingerprint names it). A file
 * with problems changes nothing: Lifeboat keeps the last good configuration and says why, once,
 * in the channel and the log, however many processes watch the file.
 */
export function createConfigReloader(
  deps: LifeboatDeps,
  input: {
    /** The source the reloader replaces: the one `deps.config.current()` reads. */
    source: ReplaceableConfigSource;
    path: string;
    onReload?: (config: Config) => Promise<void>;
    /** Polling interval of the file; default 2000. 0: no watching (reload() and SIGHUP only). */
    intervalMs?: number;
    /** Reload on SIGHUP; default true. */
    sighup?: boolean;
  },
): ConfigReloader {
  async function once(): Promise<ReloadOutcome> {
    let text: string;
    try {
      text = await readFile(input.path, 'utf8');
    } catch (error) {
      const why = `cannot read ${input.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
      return reject(why, [why]);
    }
    const parsed = parseConfig(text);
    if (!parsed.ok) return reject(hash(text), parsed.problems);
    const next = parsed.config;
    const previous = input.source.current();
    if (next.version === previous.version) return { outcome: 'unchanged' };
    input.source.replace(next);
    deps.logger.info(
      { from: previous.version, to: next.version, environments: Object.keys(next.environments) },
      'configuration reloaded',
    );
    await input.onReload?.(next);
    if (await firstToSay(`config:reloaded:${next.version}`)) {
      await deps.events.publish({
        type: 'config.reloaded',
        version: next.version,
        previousVersion: previous.version,
        environments: Object.keys(next.environments),
      });
      await deps.audit.append({
        type: 'config',
        actor: 'lifeboat',
        at: toIso(deps.clock.now()),
        summary: `configuration ${previous.version} replaced by ${next.version}`,
        detail: { path: input.path, environments: Object.keys(next.environments) },
      });
    }
    return { outcome: 'reloaded', config: next };
  }

  async function reject(fingerprint: string, problems: string[]): Promise<ReloadOutcome> {
    deps.logger.error(
      { path: input.path, problems, keeping: input.source.current().version },
      'new configuration rejected; keeping the last good one',
    );
    if (await firstToSay(`config:rejected:${fingerprint}`)) {
      await deps.events.publish({
        type: 'config.rejected',
        path: input.path,
        problems,
        keptVersion: input.source.current().version,
      });
      await deps.audit.append({
        type: 'config',
        actor: 'lifeboat',
        at: toIso(deps.clock.now()),
        summary: `configuration in ${input.path} rejected, ${input.source.current().version} kept: ${problems.join('; ')}`,
      });
    }
    return { outcome: 'rejected', problems };
  }

  async function firstToSay(name: string): Promise<boolean> {
    return deps.once.claim(name, ANNOUNCED_MS);
  }

  // Reloads run one after another: a SIGHUP during a poll's reload waits for it.
  const serially = oneAtATime();
  const reload = (): Promise<ReloadOutcome> => serially(once);
  const onChange = () => {
    reload().catch((error: unknown) =>
      deps.logger.error({ err: error }, 'configuration reload failed'),
    );
  };
  // The file is read on every poll and compared with what the last poll read, rather than
  // watched for a change of its stat: a change made before a watcher took its first look would
  // go unseen, while this compares with what is on disk whenever it looks.
  let lastRead: string | undefined;
  const poll = () => {
    readFile(input.path, 'utf8').then(
      (text) => {
        const seen = hash(text);
        if (seen === lastRead) return;
        lastRead = seen;
        onChange();
      },
      () => {
        if (lastRead === undefined) return;
        lastRead = undefined;
        onChange();
      },
    );
  };
  const intervalMs = input.intervalMs ?? 2_000;
  const timer = intervalMs > 0 ? setInterval(poll, intervalMs) : undefined;
  timer?.unref();
  const sighup = input.sighup ?? true;
  if (sighup) process.on('SIGHUP', onChange);

  return {
    reload,
    stop() {
      if (timer) clearInterval(timer);
      if (sighup) process.removeListener('SIGHUP', onChange);
    },
  };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
