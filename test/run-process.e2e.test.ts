import { spawn } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(__dirname, 'support/run-process-fixture.ts');

/** Runs the fixture in `mode`; sends `signal` once it has started. */
function run(mode: string, signal?: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, FIXTURE_MODE: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (signal && !signalled && stdout.includes('started\n')) {
      signalled = true;
      child.kill(signal);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('runProcess: the life of every entry point', () => {
  it('stops on SIGTERM and exits 0 when it stopped in time', async () => {
    const { code, stdout } = await run('ok', 'SIGTERM');
    expect(stdout).toContain('stopping on SIGTERM');
    expect(stdout).not.toContain('forced');
    expect(code).toBe(0);
  });

  it('stops on SIGINT too', async () => {
    const { code, stdout } = await run('ok', 'SIGINT');
    expect(stdout).toContain('stopping on SIGINT');
    expect(code).toBe(0);
  });

  it('cuts a stop that outlives the deadline short, and exits 1', async () => {
    const { code, stdout } = await run('hang', 'SIGTERM');
    expect(stdout).toContain('forced');
    expect(code).toBe(1);
  });

  it('a failure to start is one line naming the fix, and exit code 1', async () => {
    const { code, stderr } = await run('fail');
    expect(stderr).toBe('FIXTURE is not set; set it to anything\n');
    expect(code).toBe(1);
  });
});
