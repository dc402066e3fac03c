import { Router } from 'express';
import { enqueueApplicantMessage } from '../../db/repositories/applicantMessages';
import { caseTimeline } from '../../db/repositories/caseEvents';
import { applicantOfCase, findCase } from '../../db/repositories/cases';
import { clocksOfCase } from '../../db/repositories/clocks';
import { flagsOfCase } from '../../db/repositories/households';
import { referralsOfCase } from '../../db/repositories/referrals';
import { countyOfTownship } from '../../db/repositories/staff';
import { maskIdNumber } from '../../domain/idNumber';
import { actorOf, seesFullIdNumber, type Staff } from '../../domain/jurisdiction';
import { requiredMaterials } from '../../domain/materials';
import type { ApiDeps } from '../deps';
import { invalid, notFound, parse } from '../errors';
import { openCase } from '../intake';
import { caseInJurisdiction, townshipForIntake } from '../jurisdiction';
import { allow, staffOf } from '../policy';
import { planDeadlines } from '../deadlines';
import { iso, presentClock, presentReferral } from '../present';
import { IdempotencyKey, IntakeRequest } from '../schemas';

async function caseSummary({ db, pii }: ApiDeps, caseNo: string, reader: Staff) {
  const found = await findCase(db, caseNo);
  if (!found) throw notFound(`案件 ${caseNo}`);
  const [referrals, clocks] = await Promise.all([referralsOfCase(db, caseNo), clocksOfCase(db, caseNo)]);
  const summary = {
    caseNo: found.case_no,
    stage: found.stage,
    township: found.township_code,
    needs: found.needs,
    referrals: referrals.map((r) => presentReferral(r, pii, reader)),
    openedAt: found.opened_at.toISOString(),
    clocks: clocks.map(presentClock),
  };
  return { row: found, summary };
}

export function caseRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post('/cases', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(IntakeRequest, req.body);
    const key = req.get('Idempotency-Key');
    if (key !== undefined) parse(IdempotencyKey, key, 'Idempotency-Key');
    if (body.township !== staff.townshipCode && !(await countyOfTownship(deps.db, body.township))) {
      throw invalid([{ path: 'township', message: '未知的乡镇（街道）代码 (unknown township code)' }]);
    }
    townshipForIntake(staff, body.township);
    const { caseNo, replayed } = await openCase(deps, body, key, { actor: actorOf(staff), requestId: String(req.id) });
    res.locals.caseNo = caseNo; // for the request's log line
    const { row, summary } = await caseSummary(deps, caseNo, staff);
    // Every deadline at once: the workflow's clocks may not be recorded yet, so they are computed here the same way.
    const plan = await planDeadlines(deps.db, { township: row.township_code, needs: row.needs, emergency: row.emergency !== null, acceptedAt: row.opened_at });
    const deadlines = plan.clocks.map((c) => ({ clock: c.clock, dueAt: c.dueAt.toISOString(), provisional: c.provisional }));
    const materials = requiredMaterials(summary.needs);
    // Once per case (a replayed request finds it queued): the applicant hears the case number and what is still due.
    await enqueueApplicantMessage(deps.db, 'accepted', { template: 'accepted', caseNo, materials: materials.requiredMaterials.map((m) => m.zh) }, row.opened_at);
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(`/api/v1/cases/${caseNo}`).json({ ...summary, deadlines, ...materials });
  });

  router.get('/cases/:caseNo', allow('window', 'township_reviewer', 'department', 'reviewer', 'admin'), async (req, res) => {
    const staff = staffOf(res);
    const scope = await caseInJurisdiction(deps.db, staff, String(req.params.caseNo));
    const [{ row, summary }, applicant, timeline, flags] = await Promise.all([
      caseSummary(deps, scope.caseNo, staff),
      applicantOfCase(deps.db, deps.pii, scope.caseNo),
      caseTimeline(deps.db, scope.caseNo),
      flagsOfCase(deps.db, scope.caseNo),
    ]);
    const idNumber = applicant!.idNumber;
    // Reasons are stored encrypted (they may name people); the staff who may read the case read them in clear.
    const readable = ({ reasonCipher, ...detail }: Record<string, unknown>) =>
      typeof reasonCipher === 'string' ? { ...detail, reason: deps.pii.decrypt(reasonCipher) } : detail;
    res.json({
      ...summary,
      applicant: { name: applicant!.name, idNumber: seesFullIdNumber(staff, scope) ? idNumber : maskIdNumber(idNumber) },
      emergency: row.emergency && { description: deps.pii.decrypt(row.emergency.descriptionCipher), requestedAmountYuan: row.emergency.requestedAmountYuan },
      decision: row.decision && { decision: row.decision, decidedAt: iso(row.decided_at), late: row.decided_late },
      closedAt: iso(row.closed_at),
      // What the reviewer should check (other open cases, aid already received): for those who see full ID numbers.
      flags: seesFullIdNumber(staff, scope) ? flags : [],
      timeline: timeline.map((e) => ({ type: e.type, actor: e.actor, requestId: e.request_id, detail: readable(e.detail), occurredAt: e.occurred_at.toISOString() })),
    });
  });

  return router;
}
