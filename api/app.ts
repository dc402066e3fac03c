import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth';
import { consoleRoutes } from './console';
import type { ApiDeps } from './deps';
import { errorHandler, notFoundRoute } from './errors';
import { caseLogFields } from './logContext';
import { requestSerializer } from './logger';
import { createMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { rateLimiter } from './rateLimit';
import { adminRoutes } from './routes/admin';
import { barredPersonRoutes } from './routes/barredPersons';
import { calendarRoutes } from './routes/calendar';
import { caseActionRoutes } from './routes/caseActions';
import { caseRoutes } from './routes/cases';
import { decisionNoticeRoutes } from './routes/decisionNotices';
import { healthRoutes } from './routes/health';
import { reviewRoutes } from './routes/review';
import { benefitChangeRoutes } from './routes/benefitChanges';
import { homeInvestigationRoutes } from './routes/homeInvestigations';
import { leadRoutes } from './routes/leads';
import { materialsRoutes } from './routes/materials';
import { meRoutes } from './routes/me';
import { noStore } from './noStore';
import { metricsRoutes } from './routes/metrics';
import { paymentRoutes } from './routes/payments';
import { verificationRoutes } from './routes/verification';
import { referenceRoutes } from './routes/reference';
import { referralLoopRoutes } from './routes/referralLoop';
import { referralRoutes } from './routes/referrals';
import { temporalCodecRoutes } from './routes/temporalCodec';
import { temporalUiCors } from './temporalUiCors';
import { CODEC_PATH, codecCookieAuthentication } from './codecSession';
import { refuseTokensInUrl } from './tokensInUrl';
import { settingsRoutes } from './routes/settings';
import { caseListRoutes } from './routes/caseList';
import { reportRoutes } from './routes/reports';

/**
 * Every request gets an id of the server's own; a client's X-Request-Id is kept alongside when it is a plain
 * token (`<server id>/<client id>`, in logs, the audit log and the answer), never instead: a client cannot make
 * two requests look like one in the audit log.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function createApp(deps: ApiDeps): Express {
  const app = express();
  const openapi = openApiDocument();
  const metrics = createMetrics(deps.db);
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxyHops);
  app.use(helmet());
  app.use(metrics.timeRequests);
  app.use(
    pinoHttp({
      logger: deps.logger,
      serializers: { req: requestSerializer },
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? `${randomUUID()}/${given}` : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (req, res) => ({ staff: res.locals?.principal?.id, ...caseLogFields(req, res) }),
    }),
  );
  app.use(noStore, refuseTokensInUrl);
  app.use(rateLimiter(deps.rateLimitPerMinute, deps.logger));
  app.use(healthRoutes(deps));
  app.use(consoleRoutes(deps.console ?? { temporalUiUrl: 'http://localhost:8233', temporalNamespace: 'default' }));
  app.use(metricsRoutes(metrics, deps.metricsToken));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Authentication comes before the body is even parsed: nothing of an anonymous request is processed.
  app.use(CODEC_PATH, temporalUiCors(deps.temporalUiOrigins), codecCookieAuthentication(deps));
  app.use('/api/v1', authenticate(deps), express.json({ limit: '100kb' }), caseRoutes(deps), caseActionRoutes(deps), referralRoutes(deps), referralLoopRoutes(deps), materialsRoutes(deps), calendarRoutes(deps), adminRoutes(deps), barredPersonRoutes(deps), leadRoutes(deps), referenceRoutes(deps), meRoutes(), temporalCodecRoutes(deps), settingsRoutes(deps), caseListRoutes(deps), paymentRoutes(deps), verificationRoutes(deps), decisionNoticeRoutes(deps), homeInvestigationRoutes(deps), reviewRoutes(deps), reportRoutes(deps), benefitChangeRoutes(deps));
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
