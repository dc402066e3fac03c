import { Router } from 'express';
import { z } from 'zod';
import { overdueClocks } from '../../db/repositories/clocks';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { allow, staffOf } from '../policy';

const OverdueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** What administrators watch: breached and at-risk clocks of their county, most overdue first. */
export function adminRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/admin/overdue', allow('admin', 'reviewer'), async (req, res) => {
    const { limit } = parse(OverdueQuery, req.query, 'query');
    const now = Date.now();
    const rows = await overdueClocks(db, staffOf(res).countyCode, limit);
    res.json({
      items: rows.map((r) => ({
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
    });
  });
  return router;
}
