import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Metrics } from './metrics.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for Prometheus. With METRICS_TOKEN it needs `Authorization: Bearer <token>` (401
 * otherwise). With METRICS_PORT it is served only on a listener of its own on that port (opened
 * when the app's server starts listening, closed with it), so that the public port does not
 * show it at all; else on the app's port.
 */
export function serveMetrics(
  app: Express,
  httpServer: http.Server,
  metrics: Metrics,
  config: Pick<Config, 'metricsPort' | 'metricsToken' | 'host'>,
  log: Logger,
): void {
  const expected = config.metricsToken === undefined ? undefined : digest(`Bearer ${config.metricsToken}`);
  const allowed = (authorization: string | undefined) =>
    !expected || (authorization !== undefined && timingSafeEqual(digest(authorization), expected));

  if (config.metricsPort === undefined) {
    app.get('/metrics', async (req: Request, res: Response) => {
      if (!allowed(req.header('authorization'))) {
        res
          .status(401)
          .setHeader('WWW-Authenticate', 'Bearer')
          .type('text/plain')
          .send('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".\n');
        return;
      }
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
    return;
  }

  const port = config.metricsPort;
  const listener = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
    } else if (!allowed(req.headers.authorization)) {
      res
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".\n');
    } else {
      metrics.render().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (err: unknown) => {
          log.error({ err }, 'metrics could not be rendered');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be rendered.\n');
        },
      );
    }
  });
  listener.on('error', (err) => log.error({ err, port }, 'the metrics listener failed'));
  httpServer.once('listening', () => {
    listener.listen(port, config.host, () => log.info({ port }, 'metrics listening'));
  });
  httpServer.once('close', () => {
    listener.closeAllConnections();
    listener.close();
  });
}
