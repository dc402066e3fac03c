import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { ApiMetrics } from '../metrics';
import { forbidden } from '../errors';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` (Prometheus text format), outside `/api/v1` like the health probes, and not a staff route:
 * a scraper is no staff member. It holds no personal data, but caseloads and backlogs of a county are not public
 * either. Who may read it: with `METRICS_TOKEN` set, whoever sends `Authorization: Bearer <METRICS_TOKEN>` (the
 * Prometheus `authorization` setting); without it, only a scraper on the same host (loopback address).
 */
export function metricsRoutes(metrics: ApiMetrics, metricsToken: string | undefined): Router {
  const router = Router();
  const mayRead = (req: Request): boolean => {
    if (!metricsToken) return LOOPBACK.has(req.socket.remoteAddress ?? '');
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    return given !== undefined && timingSafeEqual(digest(given), digest(metricsToken));
  };
  router.get('/metrics', async (req, res) => {
    if (!mayRead(req)) throw forbidden('仅限监控采集方读取 (metrics are for the monitoring scraper: METRICS_TOKEN, or the same host)');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
