import type { CustomRoute } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import { createMetrics } from '../metrics/create-metrics';
import type { LifeboatQueues } from '../queue/create-queues';
import type { ExposureStore } from '../store/exposure-store';
import type { MetricCounters } from '../store/metric-counters';
import { withTimeout } from '../slack/with-timeout';

/** What the routes read: Redis's ping, the queues' worker counts and the stores behind /metrics. */
export interface BotRoutesInfra {
  redis: Redis;
  queues: Pick<LifeboatQueues, 'operations' | 'expiry'>;
  stores: { exposures: ExposureStore; counters: MetricCounters };
}

/**
 * GET /healthz: 200 with JSON when Redis answers and at least one worker listens on the
 * operations and expiry queues, 503 otherwise. GET /metrics: Prometheus text.
 */
export function botRoutes(
  { redis, queues, stores }: BotRoutesInfra,
  getConfig: () => Config,
): CustomRoute[] {
  const metrics = createMetrics(stores, getConfig);
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        void (async () => {
          const body: Record<string, unknown> = {};
          let healthy = true;
          try {
            body.redis =
              (await withTimeout(redis.ping(), 2000)) === 'PONG' ? 'ok' : 'unexpected reply';
          } catch (error) {
            body.redis = `unreachable: ${(error as Error).message}`;
            healthy = false;
          }
          if (healthy) {
            try {
              const [operations, expiry] = await withTimeout(
                Promise.all([queues.operations.getWorkersCount(), queues.expiry.getWorkersCount()]),
                2000,
              );
              body.workers = { operations, expiry };
              if (operations === 0 || expiry === 0) {
                healthy = false;
                body.problem = 'no worker is listening; start one with `npm run worker`';
              }
            } catch (error) {
              body.workers = `unknown: ${(error as Error).message}`;
              healthy = false;
            }
          }
          res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: healthy ? 'ok' : 'unhealthy', ...body }));
        })();
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        metrics.render().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.contentType });
            res.end(text);
          },
          (error: Error) => {
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end(`metrics unavailable: ${error.message}\n`);
          },
        );
      },
    },
  ];
}
