import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { ErrorCode, LifeboatError } from '../errors';

export interface RedisChild {
  /** The URL to connect with: it carries the password, so it is not for logs. */
  url: string;
  /** `redis://127.0.0.1:PORT`, without the password: what may be shown. */
  displayUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

const EXTRA_DIRS = [
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/opt/homebrew/bin',
  '/home/linuxbrew/.linuxbrew/bin',
];

/** The redis-server binary on PATH (or where package managers put it), if any. */
export function findRedisServer(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...path.split(delimiter).filter(Boolean), ...EXTRA_DIRS]) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server for `npm start` without REDIS_URL: on a free port of 127.0.0.1,
 * append-only, no eviction (BullMQ loses jobs under any eviction policy), its files under `dir`,
 * and with `password` required of every client (given on its stdin, so that no process listing
 * shows it). It dies with us.
 */
export async function startRedisChild(options: {
  dir: string;
  /** Required of every client (AUTH); unset: none, for tests that start a Redis of their own. */
  password?: string;
  binary?: string;
  /** Default: a free port. A restart on the same port and `dir` finds the data where it was. */
  port?: number;
  /** More redis-server arguments (say, `--appendfsync always`). */
  args?: readonly string[];
}): Promise<RedisChild> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) {
    throw new LifeboatError(
      ErrorCode.SettingInvalid,
      'REDIS_URL is unset and no redis-server was found: install Redis (apt-get install redis-server / brew install redis) or set REDIS_URL=redis://host:6379',
    );
  }
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--appendonly',
      'yes',
      '--dir',
      options.dir,
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
      ...(options.args ?? []),
      // The rest of the configuration comes from stdin.
      '-',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.password ? `requirepass ${options.password}\n` : '');
  await waitUntilReady(child, port);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const displayUrl = `redis://127.0.0.1:${port}`;
  return {
    url: options.password
      ? `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`
      : displayUrl,
    displayUrl,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error('redis-server did not start within 10 s')),
      10_000,
    );
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new LifeboatError(
          ErrorCode.SettingInvalid,
          `REDIS_URL is unset and the private redis-server on port ${port} failed: ${error.message}${output ? ` (${output.trim().split('\n').pop() ?? ''})` : ''}`,
        ),
      );
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!settled && /ready to accept connections/i.test(output)) {
        settled = true;
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`it exited with code ${code ?? 'null'}`)));
  });
}
