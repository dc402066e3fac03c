import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { HttpError } from './errors';

/**
 * Requests per minute per client address (`req.ip`, which `trust proxy` makes the address the nearest trusted
 * proxy saw). A township office shares one address, so the limit is generous; its job is to stop floods and
 * token guessing. Health probes and the metrics scraper are not counted.
 */
export function rateLimiter(limitPerMinute: number, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics',
    // A forwarded address that is not an address at all (a forged header) counts against the connection's.
    keyGenerator: (req) => ipKeyGenerator(isIP(req.ip ?? '') ? req.ip! : (req.socket.remoteAddress ?? 'unknown')),
    handler: (_req, _res, next) =>
      next(new HttpError(429, 'rate_limited', '请求过于频繁，请稍后再试 (too many requests; retry later)')),
    // Misconfigurations (e.g. `trust proxy` set to true) are reported through the service's logger.
    logger: { warn: (err: unknown, message?: string) => logger.warn({ err }, message ?? 'rate limiter'), error: (err: unknown, message?: string) => logger.error({ err }, message ?? 'rate limiter') },
  });
}
