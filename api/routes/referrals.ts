import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Router } from 'express';
import { departmentInbox, findReferral } from '../../db/repositories/referrals';
import { DEPARTMENT_CODES, type DepartmentCode } from '../../domain/departments';
import { needsFor } from '../../domain/routing';
import { completeReferralUpdate, referralWorkflowId } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { HttpError, notFound, parse } from '../errors';
import { presentReferral } from '../present';
import { InboxQuery, ReferralCompletionRequest } from '../schemas';

const alreadyCompleted = (message = '该转办事项已办结 (this referral is already completed)') => new HttpError(409, 'referral_already_completed', message);

export function referralRoutes({ db, temporal }: ApiDeps): Router {
  const router = Router();

  router.get('/departments/:code/referrals', async (req, res) => {
    const department = req.params.code as DepartmentCode;
    if (!DEPARTMENT_CODES.includes(department)) throw notFound(`部门 ${req.params.code}`);
    const { status } = parse(InboxQuery, req.query, 'query');
    const rows = await departmentInbox(db, department, status);
    res.json({ items: rows.map((r) => ({ ...presentReferral(r), township: r.township_code, needs: needsFor(department, r.needs) })) });
  });

  router.post('/referrals/:id/complete', async (req, res) => {
    const body = parse(ReferralCompletionRequest, req.body);
    const referral = await findReferral(db, req.params.id);
    if (!referral) throw notFound(`转办事项 ${req.params.id}`);
    if (referral.status === 'completed') throw alreadyCompleted();
    const handle = temporal.workflow.getHandle(referralWorkflowId(referral.case_no, referral.department_code));
    try {
      await handle.executeUpdate(completeReferralUpdate, { args: [{ ...body, actor: `department:${referral.department_code}` }] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw alreadyCompleted(err.cause?.message);
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // Either it finished meanwhile, or the case has not started this referral's workflow yet.
      if ((await findReferral(db, referral.id))?.status === 'completed') throw alreadyCompleted();
      res.set('Retry-After', '1');
      throw new HttpError(503, 'referral_not_ready', '转办事项正在启动，请稍后重试 (the referral is still starting; retry shortly)');
    }
    res.json(presentReferral((await findReferral(db, referral.id))!));
  });

  return router;
}
