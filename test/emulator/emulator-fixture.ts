import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config/config';
import { createAwsEmulator, type AwsEmulator, type RunningAwsEmulator } from '../../src/emulator';

export const JOB_MS = 50 as const;
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export function sandboxConfig(): Config {
  const result = parseConfig(readFileSync(join(__dirname, '../../config/sandbox.yaml'), 'utf8'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export interface Fixture {
  emulator: AwsEmulator;
  running: RunningAwsEmulator;
  url: string;
  /** Calls the control API and returns its JSON. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export async function startEmulator(options: { jobMs?: number } = {}): Promise<Fixture> {
  const emulator = createAwsEmulator({ config: sandboxConfig(), jobMs: options.jobMs ?? JOB_MS });
  const running = await emulator.listen(0);
  return {
    emulator,
    running,
    url: running.url,
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until check returns a value, or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
