/**
 * `npm start` decides on its own terms whether it runs the sandbox: never on a Redis it was
 * given, always on a private redis-server with a password of its own, and on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/sandbox/redis-child';
import { eventually } from './support/eventually';
import { TEST_REDIS_URL, uniquePrefix } from './support/redis-prefix';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..');
const SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_NAME',
  'DR_CONFIG',
  'AWS_ENDPOINT_URL',
  'AWS_EMULATOR_PORT',
  'SANDBOX_HOST',
  'PORT',
  'INTERNAL_PORT',
  'INTERNAL_HOST',
];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` (tsx src/main.ts, so that signals reach it) in `cwd`, with only `env` set. */
function npmStart(cwd: string, env: Record<string, string>): Started {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SETTINGS) delete clean[name];
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'src', 'main.ts')], {
    cwd,
    env: { ...clean, LOG_LEVEL: 'info', AWS_EMULATOR_JOB_MS: '100', DR_POLL_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  const killer = setTimeout(() => started.child.kill('SIGKILL'), 20_000);
  started.child.kill('SIGTERM');
  await started.exited;
  clearTimeout(killer);
}

/** Whether anything accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The first line a server answers to `request`, raw. */
function firstReply(host: string, port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data.split('\r\n')[0] ?? '');
      }
    });
    socket.once('error', reject);
  });
}

async function healthy(started: Started, port: number): Promise<void> {
  await eventually(
    async () => {
      if (started.child.exitCode !== null) {
        throw new Error(`npm start exited with ${started.child.exitCode}:\n${started.output()}`);
      }
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      return ok ? true : undefined;
    },
    { timeoutMs: 120_000, everyMs: 250, what: 'the sandbox to be healthy', seen: started.output },
  );
}

describe('npm start without SLACK_BOT_TOKEN', () => {
  const dirs: string[] = [];
  const running: Started[] = [];
  const workdir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const started of running) await stop(started);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['REDIS_URL', { REDIS_URL: TEST_REDIS_URL }],
    ['REDIS_SENTINELS', { REDIS_SENTINELS: '127.0.0.1:26379', REDIS_SENTINEL_NAME: 'lifeboat' }],
  ])('refuses to run the sandbox on a Redis it is given (%s), in one line', async (name, env) => {
    const started = npmStart(workdir(), {
      ...env,
      DR_PREFIX: uniquePrefix('refused'),
      PORT: String(await freePort()),
    });
    running.push(started);
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toContain('SLACK_BOT_TOKEN');
    expect(lines[0]).toMatch(/unset/);
  });

  it('runs its own password-protected redis-server, on 127.0.0.1 only, and keeps the password for the next start', async () => {
    const cwd = workdir();
    const port = await freePort();
    const emulatorPort = await freePort();
    const internalPort = await freePort();
    const env = {
      PORT: String(port),
      AWS_EMULATOR_PORT: String(emulatorPort),
      INTERNAL_PORT: String(internalPort),
    };
    let started = npmStart(cwd, env);
    running.push(started);
    await healthy(started, port);
    // The operator endpoints on INTERNAL_PORT too, as in production.
    expect((await fetch(`http://127.0.0.1:${internalPort}/healthz`)).status).toBe(200);

    const passwordFile = join(cwd, '.data', 'redis-password');
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(started.output()).not.toContain(password);

    // The private Redis answers nobody without the password.
    const redisPort = Number(
      /redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(started.output())?.[1],
    );
    expect(redisPort).toBeGreaterThan(0);
    expect(await firstReply('127.0.0.1', redisPort, 'PING\r\n')).toMatch(/^-NOAUTH/);

    // The page, the bot, the emulator and the operator endpoints listen on 127.0.0.1, not on the machine's other addresses.
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (outside) {
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts(outside, port)).toBe(false);
      expect(await accepts(outside, emulatorPort)).toBe(false);
      expect(await accepts(outside, internalPort)).toBe(false);
    }

    await stop(started);
    started = npmStart(cwd, env);
    running.push(started);
    await healthy(started, port);
    expect(readFileSync(passwordFile, 'utf8').trim()).toBe(password);
    expect(started.output()).not.toContain(password);
    await stop(started);
  });
});
