import { Router } from 'express';
import { overdueClocksPage } from '../../db/repositories/clocks';
import { townshipsOfCounty } from '../../db/repositories/reference';
import { BlockedListQuery, blockedWorkflows } from '../blockedWorkflows';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { listPage } from '../pagination';
import { allow, staffOf } from '../policy';
import { OverdueListQuery } from '../workListSchemas';

/** What administrators watch: breached and at-risk clocks of their county, most overdue first; blocked workflows. */
export function adminRoutes({ db, temporal, workflowAnswerMs }: ApiDeps): Router {
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
  // Running workflows that cannot get past a step (`Blocked`), from Temporal's visibility: the county's townships.
  router.get('/admin/blocked', allow('admin', 'reviewer'), async (req, res) => {
    const { limit } = parse(BlockedListQuery, req.query, 'query');
    const townships = (await townshipsOfCounty(db, staffOf(res).countyCode)).map((t) => t.code);
    res.json(await blockedWorkflows(temporal, workflowAnswerMs, townships, limit));
  });
  return router;
}
