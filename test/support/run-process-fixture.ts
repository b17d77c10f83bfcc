/**
 * An entry point for the runProcess tests: FIXTURE_MODE says how it behaves. `ok` stops at once
 * when signalled; `hang` never finishes stopping; `fail` fails to start.
 */
import { LifeboatError, ErrorCode } from '../../src/errors';
import { runProcess } from '../../src/run-process';

const mode = process.env['FIXTURE_MODE'] ?? 'ok';

runProcess(
  () => {
    if (mode === 'fail') {
      return Promise.reject(
        new LifeboatError(ErrorCode.SettingInvalid, 'FIXTURE is not set; set it to anything'),
      );
    }
    const keepAlive = setInterval(() => undefined, 1000);
    // Said once runProcess has its signal handlers, which it installs when this resolves.
    setImmediate(() => process.stdout.write('started\n'));
    return Promise.resolve({
      async stop(signal: NodeJS.Signals) {
        process.stdout.write(`stopping on ${signal}\n`);
        if (mode === 'hang') await new Promise(() => undefined);
        clearInterval(keepAlive);
      },
      force: () => process.stdout.write('forced\n'),
    });
  },
  { deadlineMs: 300 },
);
