import { Router } from 'express';
import { decisionNoticeFacts } from '../../db/repositories/decisionNotices';
import { renderDecisionNotice } from '../../domain/decisionNotice';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';

/** The decision in writing, a printable page for the window to hand over (and the reviewer to check). */
export function decisionNoticeRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();
  router.get('/cases/:caseNo/decision-notice', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    const facts = await decisionNoticeFacts(db, pii, caseNo);
    if (!facts) throw new HttpError(409, 'not_decided', '本案尚未作出决定 (this case is not decided yet)');
    // The page carries personal data: never cached on the way.
    res.set('Cache-Control', 'no-store').type('html').send(renderDecisionNotice(facts));
  });
  return router;
}
