import { Router } from 'express';
import { overdueClocksPage } from '../../db/repositories/clocks';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { listPage } from '../pagination';
import { allow, staffOf } from '../policy';
import { OverdueListQuery } from '../workListSchemas';

/** What administrators watch: breached and at-risk clocks of their county, most overdue first. */
export function adminRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/admin/overdue', allow('admin', 'reviewer'), async (req, res) => {
    const { limit, cursor, ...filter } = parse(OverdueListQuery, req.query, 'query');
    const now = Date.now();
    res.json(
      await listPage('overdue', { limit, cursor }, (page) => overdueClocksPage(db, { ...filter, county: staffOf(res).countyCode }, page), (r) => ({
        caseNo: r.case_no,
        clock: r.clock,
        sla: r.sla_state,
        dueAt: r.due_at.toISOString(),
        overdueHours: Math.round(((now - r.due_at.getTime()) / 3_600_000) * 10) / 10,
        escalationLevel: r.escalation_level,
        paused: r.paused,
        provisional: r.provisional,
        township: r.township_code,
        stage: r.stage,
      })),
    );
  });
  return router;
}
