import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import type { HealthReport } from './check-health';
import type { LifeboatMetrics } from './create-metrics';

/** One operator endpoint; the shape of a Bolt custom route, so the sandbox's page can serve it too. */
export interface OperatorRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * GET /healthz: 200 with JSON when healthy, 503 with the same JSON saying why otherwise.
 * GET /metrics: Prometheus text. Both answer within their deadlines whatever Redis does.
 */
export function operatorRoutes(input: {
  health: () => Promise<HealthReport>;
  metrics: LifeboatMetrics;
  logger: Logger;
}): OperatorRoute[] {
  const { health, metrics, logger } = input;
  const failed = (res: ServerResponse, what: string) => (error: unknown) => {
    logger.error({ err: error }, `${what} failed`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`${what} failed: ${(error as Error).message}\n`);
  };
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        health().then(
          ({ healthy, body }) => {
            res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          },
          failed(res, '/healthz'),
        );
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
          failed(res, '/metrics'),
        );
      },
    },
  ];
}
