import type { RequestHandler } from 'express';

/**
 * CORS for the codec endpoint: the Temporal Web UI calls it from the browser, from its own origin. Only the
 * configured UI origins are answered; the preflight is answered here, before authentication (browsers send
 * no credentials with it). Written out rather than taken from a package: one route, one fixed allow-list.
 */
export function temporalUiCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (!origin || !origins.includes(origin)) return next();
    res.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
      'Access-Control-Max-Age': '600',
    });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
}
