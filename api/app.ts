import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundRoute } from './errors';
import { openApiDocument } from './openapi';
import { caseRoutes } from './routes/cases';
import { healthRoutes } from './routes/health';
import { referenceRoutes } from './routes/reference';
import { referralRoutes } from './routes/referrals';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  const openapi = openApiDocument();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRoutes(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/v1', caseRoutes(deps), referralRoutes(deps), referenceRoutes(deps));
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
