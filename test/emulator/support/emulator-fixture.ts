import {
  createAwsEmulator,
  type AwsEmulator,
  type RunningAwsEmulator,
} from '../../../src/emulator';
import { sandboxConfig, TEST_AWS_CREDENTIALS } from '../../support/harness';

/**
 * Jobs take a minute of emulator time: tests move the emulator's clock instead of sleeping, so
 * machine load cannot make a job finish between two calls.
 */
export const JOB_MS = 60_000 as const;
export { TEST_AWS_CREDENTIALS as credentials };

export interface Fixture {
  emulator: AwsEmulator;
  running: RunningAwsEmulator;
  url: string;
  /** Moves the emulator's clock forward. */
  advance(ms: number): Promise<void>;
  /** Polls check, moving the emulator's clock by a tenth of jobMs between tries, until it returns a value. */
  eventually<T>(check: () => Promise<T | undefined>, tries?: number): Promise<T>;
  /** Calls the control API and returns its JSON. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export async function startEmulator(options: { jobMs?: number } = {}): Promise<Fixture> {
  const emulator = createAwsEmulator({ config: sandboxConfig(), jobMs: options.jobMs ?? JOB_MS });
  const running = await emulator.listen(0);
  const jobMs = options.jobMs ?? JOB_MS;
  const advance = async (ms: number) => {
    emulator.control.setClock({ advanceMs: ms });
    return Promise.resolve();
  };
  return {
    emulator,
    running,
    url: running.url,
    advance,
    async eventually<T>(check: () => Promise<T | undefined>, tries = 100): Promise<T> {
      for (let i = 0; i < tries; i += 1) {
        const value = await check();
        if (value !== undefined) return value;
        await advance(jobMs / 10);
      }
      throw new Error(`condition not met after ${tries} tries`);
    },
    async control(method, path, body) {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
  };
}
