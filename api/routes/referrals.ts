import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Router } from 'express';
import { departmentInboxPage, findReferral } from '../../db/repositories/referrals';
import { actorOf } from '../../domain/jurisdiction';
import { needsFor } from '../../domain/routing';
import { completeReferralUpdate, referralWorkflowId } from '../../workflows/messages';
import { assertWorkflowOfCaseNo } from '../caseWorkflowBinding';
import type { ApiDeps } from '../deps';
import type { DepartmentCode } from '../../domain/departments';
import { measuresOf, type MeasureCode } from '../../domain/measures';
import { HttpError, invalid, parse } from '../errors';
import { refuseUnlessWorking } from '../referralUpdates';
import { refusal } from '../workflowUpdates';
import { departmentInJurisdiction, referralInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';
import { presentReferral } from '../present';
import { withinWorkflowDeadline } from '../workflowDeadline';
import { listPage } from '../pagination';
import { ReferralCompletionRequest } from '../schemas';
import { InboxListQuery } from '../workListSchemas';

/** A department records measures of its own catalogue (and the general ones) only. */
function measuresOfDepartment(department: DepartmentCode, measures: readonly MeasureCode[]): void {
  const own = measuresOf(department);
  const foreign = measures.flatMap((code, i) => (own.includes(code) ? [] : [{ path: `measures.${i}`, message: `措施 ${code} 不属于本部门 (measure ${code} is not one of this department’s)` }]));
  if (foreign.length > 0) throw invalid(foreign);
}

const alreadyCompleted = (message = '该转办事项已办结 (this referral is already completed)') => new HttpError(409, 'referral_already_completed', message);

export function referralRoutes(deps: ApiDeps): Router {
  const { db, temporal, pii, workflowAnswerMs } = deps;
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
    if (referral.status === 'completed') throw alreadyCompleted();
    refuseUnlessWorking(referral.status, scope.stage);
    const workflowId = referralWorkflowId(referral.case_no, referral.department_code);
    await assertWorkflowOfCaseNo(deps, referral.case_no, workflowId);
    const handle = temporal.workflow.getHandle(workflowId);
    const { note, ...rest } = body;
    try {
      const completion = { ...rest, ...(note ? { noteCipher: pii.encrypt(note) } : {}), actor: actorOf(staff), requestId: String(req.id) };
      await withinWorkflowDeadline(temporal, workflowAnswerMs, () => handle.executeUpdate(completeReferralUpdate, { args: [completion] }));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw refusal(err);
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // Either it finished meanwhile, or the case has not started this referral's workflow yet.
      const now = (await findReferral(db, referral.id))!.status;
      if (now === 'completed') throw alreadyCompleted();
      refuseUnlessWorking(now);
      res.set('Retry-After', '1');
      throw new HttpError(503, 'referral_not_ready', '转办事项正在启动，请稍后重试 (the referral is still starting; retry shortly)');
    }
    res.json(presentReferral((await findReferral(db, referral.id))!, pii, staff));
  });

  return router;
}
