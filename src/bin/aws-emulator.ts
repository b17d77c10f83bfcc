/**
 * `npm run sandbox:aws`: the AWS emulator alone, seeded from DR_CONFIG (default ./dr.config.yaml,
 * else config/sandbox.yaml), on AWS_EMULATOR_PORT (4566), jobs taking AWS_EMULATOR_JOB_MS (5000).
 * AWS_EMULATOR_HOST (default 127.0.0.1) is the address it binds. SIGTERM or SIGINT closes it.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/config';
import { createAwsEmulator } from '../emulator';
import { createLogger } from '../logger';
import { runProcess } from '../run-process';
import { readSettings } from '../settings';

const SANDBOX_CONFIG = 'config/sandbox.yaml' as const;

runProcess(
  async () => {
    const settings = readSettings();
    const configPath =
      process.env['DR_CONFIG'] === undefined && !existsSync(settings.configPath)
        ? SANDBOX_CONFIG
        : settings.configPath;
    const config = loadConfig(configPath);
    const log = createLogger(settings.logLevel, 'aws-emulator');
    const emulator = createAwsEmulator({ config, jobMs: settings.emulatorJobMs });
    const running = await emulator.listen(
      settings.emulatorPort,
      process.env['AWS_EMULATOR_HOST'] ?? '127.0.0.1',
    );
    log.info(
      {
        url: running.url,
        config: configPath,
        jobMs: settings.emulatorJobMs,
        regions: Object.keys(emulator.state.regions),
      },
      `AWS emulator listening on ${running.url}: set AWS_ENDPOINT_URL=${running.url}`,
    );
    return {
      async stop(signal) {
        log.info({ signal }, 'AWS emulator closing');
        await running.close();
      },
    };
  },
  { deadlineMs: 5_000 },
);
