import { Router, type Request, type Response } from 'express';
import { findCase } from '../../db/repositories/cases';
import { markNotificationRead, notificationsFor } from '../../db/repositories/notifications';
import { findReferral } from '../../db/repositories/referrals';
import { policiesForCase } from '../../db/repositories/timeLimits';
import { departmentOfClock } from '../../domain/clocks';
import { actorOf } from '../../domain/jurisdiction';
import { referralId } from '../../domain/routing';
import { caseWorkflowId } from '../../workflows/messages';
import { acceptReferralUpdate, endCaseUpdate, referOnUpdate, resendReferralUpdate, returnReferralUpdate } from '../../workflows/referralLoopMessages';
import type { ApiDeps } from '../deps';
import { HttpError, notFound, parse } from '../errors';
import { caseInJurisdiction, referralInJurisdiction } from '../jurisdiction';
import { NotificationIdParam, NotificationQuery, ReasonRequest, ReferOnRequest } from '../loopSchemas';
import { allow, allowAnyRole, staffOf } from '../policy';
import { presentReferral } from '../present';
import { sendReferralUpdate } from '../referralUpdates';
import { EmptyRequest } from '../schemas';
import { caseHasFinished, sendUpdate } from '../workflowUpdates';

/**
 * The referral loop (首问负责, 转介) and a case's early end, each an Update of the workflow that owns it, and the
 * notifications inbox that carries every result to the window, the departments and the county.
 */
export function referralLoopRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();
  const act = (res: Response, requestId: unknown) => ({ actor: actorOf(staffOf(res)), requestId: String(requestId) });
  const referralOf = async (res: Response, id: string) => {
    const scope = await referralInJurisdiction(db, staffOf(res), id);
    return { ...(await findReferral(db, scope.id))!, stage: scope.stage };
  };
  const answer = async (res: Response, id: string) => res.json(presentReferral((await findReferral(db, id))!, pii, staffOf(res)));

  router.post('/referrals/:id/accept', allow('department'), async (req, res) => {
    parse(EmptyRequest, req.body ?? {});
    const referral = await referralOf(res, String(req.params.id));
    await sendReferralUpdate(deps, referral, acceptReferralUpdate, act(res, req.id));
    await answer(res, referral.id);
  });

  router.post('/referrals/:id/return', allow('department'), async (req, res) => {
    const { reason } = parse(ReasonRequest, req.body);
    const referral = await referralOf(res, String(req.params.id));
    await sendReferralUpdate(deps, referral, returnReferralUpdate, { ...act(res, req.id), reasonCipher: pii.encrypt(reason) });
    await answer(res, referral.id);
  });

  router.post('/referrals/:id/resend', allow('window'), async (req, res) => {
    const { reason } = parse(ReasonRequest, req.body);
    const referral = await referralOf(res, String(req.params.id));
    await sendReferralUpdate(deps, referral, resendReferralUpdate, { ...act(res, req.id), reasonCipher: pii.encrypt(reason) });
    await answer(res, referral.id);
  });

  router.post('/referrals/:id/refer-on', allow('department'), async (req, res) => {
    const { to, reason } = parse(ReferOnRequest, req.body);
    const referral = await referralOf(res, String(req.params.id));
    if (await findReferral(db, referralId(referral.case_no, to))) {
      throw new HttpError(409, 'already_referred', `本案已转办 ${to}，不能重复转介 (the case is already referred to ${to})`, [{ path: 'to', message: '该部门已有本案的转办事项 (that department already has a referral of this case)' }]);
    }
    const found = (await findCase(db, referral.case_no))!;
    const policy = (await policiesForCase(db, found.township_code, found.needs, [to], false)).referrals[to]!;
    await sendReferralUpdate(deps, referral, referOnUpdate, { ...act(res, req.id), to, policy, reasonCipher: pii.encrypt(reason) });
    await answer(res, referral.id);
  });

  const endCase = (stage: 'withdrawn' | 'terminated') => async (req: Request, res: Response) => {
    const { reason } = parse(ReasonRequest, req.body);
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const ended = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, endCaseUpdate, { ...act(res, req.id), stage, reasonCipher: pii.encrypt(reason) }, caseHasFinished);
    res.json({ caseNo, ...ended });
  };
  router.post('/cases/:caseNo/withdraw', allow('window'), endCase('withdrawn'));
  router.post('/cases/:caseNo/terminate', allow('reviewer'), endCase('terminated'));

  router.get('/notifications', allowAnyRole(), async (req, res) => {
    const query = parse(NotificationQuery, req.query, 'query');
    const rows = await notificationsFor(db, staffOf(res), { unread: query.unread === undefined ? undefined : query.unread === 'true', limit: query.limit });
    res.json({
      items: rows.map((n) => ({
        id: Number(n.id),
        caseNo: n.case_no,
        leadId: n.lead_id,
        kind: n.kind,
        clock: n.clock,
        department: (n.clock && departmentOfClock(n.clock)) ?? null,
        recipient: n.recipient,
        createdAt: n.created_at.toISOString(),
        read: n.read_at !== null,
      })),
    });
  });

  router.post('/notifications/:id/read', allowAnyRole(), async (req, res) => {
    parse(EmptyRequest, req.body ?? {});
    const id = NotificationIdParam.safeParse(req.params.id);
    if (!id.success || !(await markNotificationRead(db, staffOf(res), String(id.data)))) throw notFound(`通知 ${String(req.params.id)}`);
    res.json({ id: id.data, read: true });
  });

  return router;
}
