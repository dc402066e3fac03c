import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { breachesRecorded, openClocksBySla, unreadNotifications } from '../db/repositories/metrics';
import type { Database } from '../db/schema';
import { SLA_STATES } from '../domain/clocks';

/**
 * The API's Prometheus metrics (`GET /metrics`): request latency per route template (never a raw URL, so no
 * case number or personal data becomes a label), intakes, and — read from PostgreSQL when scraped — open clocks
 * per SLA state, breaches and unread notifications. Process metrics (RSS, event-loop lag, GC) come with them;
 * when the worker runs in the same process (`npm run dev`) its memory is in `process_resident_memory_bytes`.
 * One registry per app, so that tests can build several apps in one process.
 */
const API_PREFIX = '/api/v1';

export interface ApiMetrics {
  registry: Registry;
  /** Express middleware that times every request. */
  timeRequests: RequestHandler;
}

export function createMetrics(db: Kysely<Database>): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestSeconds = new Histogram({
    name: 'one_door_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const intakes = new Counter({
    name: 'one_door_intakes_total',
    help: 'Cases opened at a window (result: opened, replayed for a retried Idempotency-Key, refused for any 4xx/5xx)',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: 'one_door_open_clocks',
    help: 'Running (not yet met) time-limit clocks by SLA state',
    labelNames: ['sla_state'],
    registers: [registry],
    async collect() {
      const counts = new Map((await openClocksBySla(db)).map((r) => [r.sla_state, r.count]));
      for (const state of SLA_STATES.filter((s) => s !== 'met')) this.set({ sla_state: state }, counts.get(state) ?? 0);
    },
  });
  new Gauge({
    name: 'one_door_clock_breaches',
    help: 'Clock breaches announced so far (monotonic; use increase() like a counter)',
    registers: [registry],
    async collect() {
      this.set(await breachesRecorded(db));
    },
  });
  new Gauge({
    name: 'one_door_notifications_unread',
    help: 'Warnings and escalations not yet read by the department, township or county they are addressed to',
    registers: [registry],
    async collect() {
      this.set(await unreadNotifications(db));
    },
  });

  const timeRequests = (req: Request, res: Response, next: NextFunction) => {
    const end = requestSeconds.startTimer({ method: req.method });
    res.once('finish', () => {
      // On an error express has already restored `req.baseUrl`: the mount point is taken from the URL instead.
      const mount = req.originalUrl.startsWith(`${API_PREFIX}/`) ? API_PREFIX : '';
      const route = req.route?.path ? `${mount}${String(req.route.path)}` : 'unmatched';
      end({ route, status: String(res.statusCode) });
      if (req.method === 'POST' && route === '/api/v1/cases') {
        intakes.inc({ result: res.statusCode >= 400 ? 'refused' : res.getHeader('Idempotent-Replayed') ? 'replayed' : 'opened' });
      }
    });
    next();
  };
  return { registry, timeRequests };
}
