import type { AwsClientOptions } from '../../../../src/adapters/aws/aws-client-options';
import type { Config, EnvironmentConfig } from '../../../../src/config/config';
import { createAwsEmulator, type RunningAwsEmulator } from '../../../../src/emulator';
import { sandboxConfig } from '../../../support/harness';
import { TEST_CREDENTIALS } from './fake-http-handler';

export const EMULATOR_JOB_MS = 150;

/** Tight enough that a region that hangs fails a call within a few seconds. */
export const EMULATOR_CLIENT_TIMEOUTS = {
  maxAttempts: 2,
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 1_000,
} as const;

/**
 * An AWS emulator on a free port, seeded from config/sandbox.yaml, driven through its HTTP control
 * API as any client of the sandbox would.
 */
export interface EmulatorHarness {
  url: string;
  config: Config;
  environment(name: string): EnvironmentConfig;
  /** Options for the real adapters: the emulator as endpoint, test credentials, short timeouts. */
  clientOptions: AwsClientOptions;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startEmulatorHarness(
  options: { random?: () => number } = {},
): Promise<EmulatorHarness> {
  const config = sandboxConfig();
  const emulator = createAwsEmulator({
    config,
    jobMs: EMULATOR_JOB_MS,
    ...(options.random ? { random: options.random } : {}),
  });
  const running: RunningAwsEmulator = await emulator.listen(0);
  return {
    url: running.url,
    config,
    environment(name) {
      const env = config.environments[name];
      if (!env) throw new Error(`config/sandbox.yaml has no environment ${name}`);
      return env;
    },
    clientOptions: {
      endpoint: running.url,
      credentials: TEST_CREDENTIALS,
      ...EMULATOR_CLIENT_TIMEOUTS,
    },
    async control(method, path, body) {
      const response = await fetch(`${running.url}/_sandbox/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json: unknown = await response.json();
      if (!response.ok)
        throw new Error(`control ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
    close: () => running.close(),
  };
}
