import type { CustomRoute } from '@slack/bolt';
import type { LifeboatDeps } from '../lifeboat-deps';
import { createMetrics } from '../metrics/create-metrics';
import { withTimeout } from '../slack/with-timeout';

/**
 * GET /healthz: 200 with JSON when Redis answers and at least one worker listens on the
 * operations and expiry queues, 503 otherwise. GET /metrics: Prometheus text.
 */
export function botRoutes(deps: LifeboatDeps): CustomRoute[] {
  const metrics = createMetrics(deps.redis, deps.keys, () => deps.config);
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
              (await withTimeout(deps.redis.ping(), 2000)) === 'PONG' ? 'ok' : 'unexpected reply';
          } catch (error) {
            body.redis = `unreachable: ${(error as Error).message}`;
            healthy = false;
          }
          if (healthy) {
            try {
              const [operations, expiry] = await withTimeout(
                Promise.all([
                  deps.queues.operations.getWorkersCount(),
                  deps.queues.expiry.getWorkersCount(),
                ]),
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
