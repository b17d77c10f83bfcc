import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Infra } from '../create-infra';
import { ErrorCode, LifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { Logger } from '../logger';
import type { RedisKeys } from '../redis/redis-keys';
import { withTimeout } from '../slack/with-timeout';
import { createExposureStore } from '../store/exposure-store';
import { createMetricCounters } from '../store/metric-counters';
import { createWorkerHeartbeats, type WorkerName } from '../store/worker-heartbeats';
import { systemTimers, type Timers } from '../timers';
import { checkHealth } from './check-health';
import { createMetrics } from './create-metrics';
import { operatorRoutes, type OperatorRoute } from './operator-routes';
import { startWorkerHeartbeat, type RunningHeartbeat } from './start-worker-heartbeat';

/** What the endpoints give Redis per call: /healthz its one read, /metrics all its reads. */
export const OPERATOR_REDIS_DEADLINE_MS = 1_000;

export interface OperatorServerInput {
  /** The process's Redis: the endpoints read through a connection of their own made from it. */
  redis: Redis;
  keys: RedisKeys;
  clock: Clock;
  logger: Logger;
  getConfig: () => Config;
}

export interface OperatorServerOptions {
  /** INTERNAL_PORT (0: any free port). */
  port: number;
  /** INTERNAL_HOST. */
  host: string;
  /** The job workers this process runs: it beats for them, and its /healthz needs its own beat. */
  workers?: readonly WorkerName[];
  /** The port is taken: listen on any free one after saying so (the sandbox's default port). */
  onPortTaken?: (port: number) => void;
  timers?: Timers;
}

export interface RunningOperatorServer {
  url: string;
  port: number;
  /** The same endpoints, for another server to serve as well (the sandbox's page). */
  routes: OperatorRoute[];
  /** This process's heartbeat, when it runs workers. */
  heartbeat?: RunningHeartbeat;
  close(): Promise<void>;
}

/**
 * The operator endpoints (/healthz, /metrics) on a server of their own at INTERNAL_HOST and
 * INTERNAL_PORT, apart from Slack's port, in every process that serves them; and, in a process
 * that runs workers, their heartbeat. Both endpoints answer within 2 s whatever Redis does: they
 * read through a connection of their own that fails a command at once while Redis is away
 * (no offline queue) and after OPERATOR_REDIS_DEADLINE_MS while it hangs (commandTimeout), so
 * calls never pile up behind an unanswered one; the heartbeat beats through it for the same
 * reason. /healthz costs one Redis round trip: a read of the workers' heartbeats.
 */
export async function startOperatorServer(
  input: OperatorServerInput,
  options: OperatorServerOptions,
): Promise<RunningOperatorServer> {
  const { keys, clock, logger, getConfig } = input;
  const deadlineMs = OPERATOR_REDIS_DEADLINE_MS;
  const redis = input.redis.duplicate({
    commandTimeout: deadlineMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectionName: 'lifeboat-operator',
  });
  // Redis being away is what /healthz reports; the connection keeps trying on its own.
  redis.on('error', () => undefined);
  await withTimeout(once(redis, 'ready'), deadlineMs).catch(() => undefined);

  const heartbeats = createWorkerHeartbeats(redis, keys);
  const stops: (() => Promise<void>)[] = [async () => redis.disconnect()];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const heartbeat = options.workers
      ? await startWorkerHeartbeat({
          heartbeats,
          timers: options.timers ?? systemTimers(clock),
          workers: options.workers,
          logger,
        })
      : undefined;
    if (heartbeat) stops.push(() => heartbeat.stop());
    const metrics = createMetrics(
      { exposures: createExposureStore(redis, keys), counters: createMetricCounters(redis, keys) },
      getConfig,
      { deadlineMs, logger },
    );
    const routes = operatorRoutes({
      health: () =>
        checkHealth({
          heartbeats,
          clock,
          deadlineMs,
          ...(heartbeat ? { self: heartbeat.processId } : {}),
        }),
      metrics,
      logger,
    });
    const server = await listen(routes, options);
    stops.push(() => closeServer(server));
    const { port } = server.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url }, 'operator endpoints (/healthz, /metrics) listening');
    return { url, port, routes, ...(heartbeat ? { heartbeat } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function listen(routes: OperatorRoute[], options: OperatorServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://operator').pathname;
    const route = routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: the operator endpoints are /healthz and /metrics\n');
    } else if (!route.method.includes(req.method ?? '')) {
      res.writeHead(405, { 'content-type': 'text/plain', allow: route.method.join(', ') });
      res.end(`${route.path} takes ${route.method.join(', ')}\n`);
    } else {
      route.handler(req, res);
    }
  });
  const bind = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await bind(options.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && options.onPortTaken) {
      options.onPortTaken(options.port);
      await bind(0);
    } else if (code === 'EADDRINUSE') {
      throw new LifeboatError(
        ErrorCode.SettingInvalid,
        `INTERNAL_PORT ${options.port} is taken on ${options.host}: set INTERNAL_PORT to a free port (each process that serves /healthz and /metrics on one machine needs its own)`,
        { cause: error },
      );
    } else {
      throw new LifeboatError(
        ErrorCode.SettingInvalid,
        `INTERNAL_HOST ${options.host} with INTERNAL_PORT ${options.port} cannot be listened on (${code ?? (error as Error).message}): set INTERNAL_HOST to an address of this machine, such as 127.0.0.1`,
        { cause: error },
      );
    }
  }
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The operator endpoints' input from a runtime: its Redis, keys, clock, logger and config. */
export function operatorInput(runtime: {
  deps: Pick<LifeboatDeps, 'clock' | 'logger' | 'config'>;
  infra: Pick<Infra, 'redis' | 'keys'>;
}): OperatorServerInput {
  const { deps, infra } = runtime;
  return {
    redis: infra.redis,
    keys: infra.keys,
    clock: deps.clock,
    logger: deps.logger,
    getConfig: () => deps.config.current(),
  };
}
