import { Router } from 'express';
import { findCase } from '../../db/repositories/cases';
import { objectionsOfCase } from '../../db/repositories/publicNotices';
import { homeInvestigationsOfCase, saveHomeInvestigation, staffWhoMayVisit } from '../../db/repositories/homeInvestigations';
import { beijingDate } from '../../domain/calendar';
import { actorOf } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { HttpError, invalid, parse } from '../errors';
import { HomeInvestigationRequest } from '../investigationSchemas';
import { caseInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';

/** Home investigations (入户调查): the township records each visit; the township and the county read them. */
export function homeInvestigationRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();

  router.post('/cases/:caseNo/investigations', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(HomeInvestigationRequest, req.body);
    const scope = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const found = await findCase(db, scope.caseNo);
    const today = beijingDate(new Date());
    if (found && (body.visitedOn > today || body.visitedOn < beijingDate(found.opened_at))) {
      throw invalid([{ path: 'visitedOn', message: '走访日期须在受理之日与今天之间 (the visit falls between the intake and today)' }]);
    }
    const known = await staffWhoMayVisit(db, body.staffIds, scope.townshipCode, scope.countyCode);
    const strangers = body.staffIds.map((id, i) => [id, i] as const).filter(([id]) => !known.includes(id));
    if (strangers.length > 0) {
      throw invalid(strangers.map(([, i]) => ({ path: `staffIds.${i}`, message: '不是本乡镇（街道）或本县的工作人员 (not staff of this township or county)' })));
    }
    const saved = await saveHomeInvestigation(db, {
      caseNo: scope.caseNo,
      visitedOn: body.visitedOn,
      staffIds: body.staffIds,
      neighboursAsked: body.neighboursAsked,
      findingsCipher: pii.encrypt(body.findings),
      photos: body.photos,
      reviewRound: await objectionsOfCase(db, scope.caseNo),
      actor: actorOf(staff),
      requestId: String(req.id),
    });
    if (!saved) throw new HttpError(409, 'visit_already_recorded', '该日的入户调查已登记 (a visit on this day is already recorded)');
    res.status(201).json({ caseNo: scope.caseNo, ...body });
  });

  router.get('/cases/:caseNo/investigations', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const visits = await homeInvestigationsOfCase(db, caseNo);
    res.json({
      items: visits.map((v) => ({
        visitedOn: v.visited_on,
        reviewRound: v.review_round,
        staffIds: v.staff_ids,
        neighboursAsked: v.neighbours_asked,
        findings: pii.decrypt(v.findings_cipher),
        photos: v.photos,
        recordedBy: v.recorded_by,
        recordedAt: v.recorded_at.toISOString(),
      })),
    });
  });

  return router;
}
