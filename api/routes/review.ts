import { Router } from 'express';
import { noticeBoard, noticesOfCase } from '../../db/repositories/publicNotices';
import { actorOf } from '../../domain/jurisdiction';
import { maskName, renderNoticeBoard } from '../../domain/noticeBoard';
import { caseWorkflowId, escalateReviewUpdate, raiseObjectionUpdate } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { ReasonRequest } from '../loopSchemas';
import { allow, staffOf } from '../policy';
import { NoticeBoardQuery } from '../reviewSchemas';
import { townshipInJurisdiction } from '../townshipJurisdiction';
import { caseHasFinished, sendUpdate } from '../workflowUpdates';

/** The review after the referrals (issue 8 items 3–4): passing a case up to the county, public notices and objections. */
export function reviewRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();

  /** 提级审核: the township's reviewer passes a hard case to the county, with a reason; the approval clock runs on. */
  router.post('/cases/:caseNo/escalation', allow('township_reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const { reason } = parse(ReasonRequest, req.body);
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, escalateReviewUpdate, { reasonCipher: pii.encrypt(reason), actor: actorOf(staff), requestId: String(req.id) }, caseHasFinished);
    res.json({ caseNo, ...answer });
  });

  /** An objection to a running notice (any township staff records it): the case goes back to investigation and review. */
  router.post('/cases/:caseNo/objections', allow('window', 'township_reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const { reason } = parse(ReasonRequest, req.body);
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, raiseObjectionUpdate, { reasonCipher: pii.encrypt(reason), actor: actorOf(staff), requestId: String(req.id) }, caseHasFinished);
    res.status(201).json({ caseNo, ...answer, stage: 'approval' });
  });

  router.get('/cases/:caseNo/notices', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const notices = await noticesOfCase(db, caseNo);
    res.json({
      items: notices.map((n) => ({
        round: n.round,
        status: n.status,
        monthlyAmountYuan: n.monthly_amount_yuan === null ? null : Number(n.monthly_amount_yuan),
        proposedBy: n.proposed_by,
        openedAt: n.opened_at.toISOString(),
        endsAt: n.ends_at.toISOString(),
        closedAt: n.closed_at?.toISOString() ?? null,
        objection: n.objection_cipher === null ? null : { by: n.objected_by, reason: pii.decrypt(n.objection_cipher) },
      })),
    });
  });

  /** The village notice board: masked names, never an ID number; JSON, or a printable page with `format=html`. */
  router.get('/townships/:code/notices', allow('window', 'township_reviewer', 'reviewer', 'admin'), async (req, res) => {
    const { format } = parse(NoticeBoardQuery, req.query, 'query');
    const { township } = await townshipInJurisdiction(db, staffOf(res), String(req.params.code));
    const board = await noticeBoard(db, township);
    const entries = board.entries.map((e) => ({
      caseNo: e.case_no,
      maskedName: maskName(pii.decrypt(e.name_cipher)),
      village: pii.decryptOptional(e.village_cipher),
      needs: e.needs,
      monthlyAmountYuan: e.monthly_amount_yuan === null ? null : Number(e.monthly_amount_yuan),
      endsAt: e.ends_at,
    }));
    if (format === 'html') {
      res.type('html').send(renderNoticeBoard(board.townshipName, entries, new Date()));
      return;
    }
    res.json({ township, items: entries.map((e) => ({ ...e, endsAt: e.endsAt.toISOString() })) });
  });

  return router;
}
