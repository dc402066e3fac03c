import { Router } from 'express';
import { caseTimeline } from '../../db/repositories/caseEvents';
import { findCase } from '../../db/repositories/cases';
import { referralsOfCase } from '../../db/repositories/referrals';
import { maskIdNumber } from '../../domain/idNumber';
import { requiredMaterials } from '../../domain/materials';
import type { ApiDeps } from '../deps';
import { notFound, parse } from '../errors';
import { openCase } from '../intake';
import { iso, presentReferral } from '../present';
import { CaseNoParam, IdempotencyKey, IntakeRequest } from '../schemas';

async function loadCase({ db }: ApiDeps, caseNo: string) {
  const found = CaseNoParam.safeParse(caseNo).success ? await findCase(db, caseNo) : undefined;
  if (!found) throw notFound(`案件 ${caseNo}`);
  const referrals = await referralsOfCase(db, caseNo);
  const summary = {
    caseNo: found.case_no,
    stage: found.stage,
    township: found.township_code,
    needs: found.needs,
    referrals: referrals.map(presentReferral),
    openedAt: found.opened_at.toISOString(),
  };
  return { row: found, summary };
}

export function caseRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post('/cases', async (req, res) => {
    const body = parse(IntakeRequest, req.body);
    const key = req.get('Idempotency-Key');
    if (key !== undefined) parse(IdempotencyKey, key, 'Idempotency-Key');
    const { caseNo, replayed } = await openCase(deps, body, key, `window:${body.township}`);
    const { summary } = await loadCase(deps, caseNo);
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(`/api/v1/cases/${caseNo}`).json({ ...summary, ...requiredMaterials(summary.needs) });
  });

  router.get('/cases/:caseNo', async (req, res) => {
    const { row, summary } = await loadCase(deps, req.params.caseNo);
    const timeline = await caseTimeline(deps.db, row.case_no);
    res.json({
      ...summary,
      applicant: { name: row.applicant_name, idNumber: maskIdNumber(row.applicant_id_number) },
      emergency: row.emergency,
      closedAt: iso(row.closed_at),
      timeline: timeline.map((e) => ({ type: e.type, actor: e.actor, detail: e.detail, occurredAt: e.occurred_at.toISOString() })),
    });
  });

  return router;
}
