import { Router } from 'express';
import { departmentInboxPage, findReferral } from '../../db/repositories/referrals';
import { actorOf } from '../../domain/jurisdiction';
import { needsFor } from '../../domain/routing';
import { completeReferralUpdate } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import type { DepartmentCode } from '../../domain/departments';
import { measuresOf, type MeasureCode } from '../../domain/measures';
import { invalid, parse } from '../errors';
import { sendReferralUpdate } from '../referralUpdates';
import { departmentInJurisdiction, referralInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';
import { presentReferral } from '../present';
import { listPage } from '../pagination';
import { ReferralCompletionRequest } from '../schemas';
import { InboxListQuery } from '../workListSchemas';

/** A department records measures of its own catalogue (and the general ones) only. */
function measuresOfDepartment(department: DepartmentCode, measures: readonly MeasureCode[]): void {
  const own = measuresOf(department);
  const foreign = measures.flatMap((code, i) => (own.includes(code) ? [] : [{ path: `measures.${i}`, message: `措施 ${code} 不属于本部门 (measure ${code} is not one of this department’s)` }]));
  if (foreign.length > 0) throw invalid(foreign);
}

export function referralRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();

  router.get('/departments/:code/referrals', allow('department', 'reviewer', 'admin'), async (req, res) => {
    const staff = staffOf(res);
    const department = departmentInJurisdiction(staff, String(req.params.code));
    const { limit, cursor, ...filter } = parse(InboxListQuery, req.query, 'query');
    res.json(
      await listPage(
        `inbox:${department}`,
        { limit, cursor },
        (page) => departmentInboxPage(db, { ...filter, department, county: staff.countyCode }, page),
        (r) => ({ ...presentReferral(r, pii, staff), township: r.township_code, needs: needsFor(department, r.needs), sla: r.sla_state }),
      ),
    );
  });

  router.post('/referrals/:id/complete', allow('department'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(ReferralCompletionRequest, req.body);
    const scope = await referralInJurisdiction(db, staff, String(req.params.id));
    const referral = (await findReferral(db, scope.id))!;
    measuresOfDepartment(referral.department_code, body.measures);
    const { note, ...rest } = body;
    const completion = { ...rest, ...(note ? { noteCipher: pii.encrypt(note) } : {}), actor: actorOf(staff), requestId: String(req.id) };
    await sendReferralUpdate(deps, { ...referral, stage: scope.stage }, completeReferralUpdate, completion);
    res.json(presentReferral((await findReferral(db, referral.id))!, pii, staff));
  });

  return router;
}
