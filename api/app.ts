import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundRoute } from './errors';
import { requestSerializer } from './logger';
import { openApiDocument } from './openapi';
import { rateLimiter } from './rateLimit';
import { adminRoutes } from './routes/admin';
import { barredPersonRoutes } from './routes/barredPersons';
import { calendarRoutes } from './routes/calendar';
import { caseActionRoutes } from './routes/caseActions';
import { caseRoutes } from './routes/cases';
import { healthRoutes } from './routes/health';
import { leadRoutes } from './routes/leads';
import { materialsRoutes } from './routes/materials';
import { meRoutes } from './routes/me';
import { referenceRoutes } from './routes/reference';
import { referralLoopRoutes } from './routes/referralLoop';
import { referralRoutes } from './routes/referrals';

/** A client's X-Request-Id is kept when it is a plain token (it ends up in logs and the audit log), else replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function createApp(deps: ApiDeps): Express {
  const app = express();
  const openapi = openApiDocument();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxyHops);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      serializers: { req: requestSerializer },
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (_req, res) => ({ staff: res.locals?.principal?.id }),
    }),
  );
  app.use(rateLimiter(deps.rateLimitPerMinute, deps.logger));
  app.use(healthRoutes(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Authentication comes before the body is even parsed: nothing of an anonymous request is processed.
  app.use('/api/v1', authenticate(deps), express.json({ limit: '100kb' }), caseRoutes(deps), caseActionRoutes(deps), referralRoutes(deps), referralLoopRoutes(deps), materialsRoutes(deps), calendarRoutes(deps), adminRoutes(deps), barredPersonRoutes(deps), leadRoutes(deps), referenceRoutes(deps), meRoutes());
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
