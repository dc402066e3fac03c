import { Router } from 'express';
import { appendCaseEvent } from '../../db/repositories/caseEvents';
import { loopSettings } from '../../db/repositories/loopSettings';
import { actorOf } from '../../domain/jurisdiction';
import { splitByTrust } from '../../domain/materials';
import { caseWorkflowId } from '../../workflows/messages';
import { materialsMissingUpdate, materialsReceivedUpdate } from '../../workflows/referralLoopMessages';
import type { ApiDeps } from '../deps';
import { parse } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { MaterialsReceivedRequest, MissingMaterialsRequest } from '../loopSchemas';
import { allow, staffOf } from '../policy';
import { caseHasFinished, sendUpdate } from '../workflowUpdates';

/**
 * Missing materials (补正) and the trust list (容缺受理): the window records what is still missing; unless every
 * item is on the county's trust list, the case's clocks pause until the window records the materials received,
 * and after the county's limit with nothing received the case ends as not accepted.
 */
export function materialsRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();

  router.post('/cases/:caseNo/missing-materials', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const { materials, note } = parse(MissingMaterialsRequest, req.body);
    const { caseNo, countyCode } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const settings = await loopSettings(db, countyCode);
    const { trusted, blocking: missing } = splitByTrust(materials, settings.trustList);
    const act = { actor: actorOf(staff), requestId: String(req.id) };
    const { pausedClocks } = missing.length
      ? await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, materialsMissingUpdate, {
          ...act,
          materials: missing,
          limitDays: settings.missingMaterialsDays,
          reasonCipher: pii.encrypt(`待补正材料 (materials missing): ${missing.join(', ')}${note ? `；${note}` : ''}`),
          lapseReasonCipher: pii.encrypt(`补正材料 ${missing.join(', ')} 逾期 ${settings.missingMaterialsDays} 天未提交，不予受理 (not received within ${settings.missingMaterialsDays} days: not accepted)`),
        }, caseHasFinished)
      : { pausedClocks: [] };
    await appendCaseEvent(db, { caseNo, key: `materials_missing:${act.requestId}`, type: 'materials_missing', ...act, detail: { missing, trusted, pausedClocks, limitDays: settings.missingMaterialsDays } });
    res.json({ caseNo, missing, trusted, pausedClocks, limitDays: settings.missingMaterialsDays });
  });

  router.post('/cases/:caseNo/materials-received', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const { note } = parse(MaterialsReceivedRequest, req.body ?? {});
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const act = { actor: actorOf(staff), requestId: String(req.id) };
    const { resumedClocks } = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, materialsReceivedUpdate, { ...act, reasonCipher: pii.encrypt(`补正材料已收到 (materials received)${note ? `；${note}` : ''}`) }, caseHasFinished);
    await appendCaseEvent(db, { caseNo, key: `materials_received:${act.requestId}`, type: 'materials_received', ...act, detail: { resumedClocks } });
    res.json({ caseNo, resumedClocks });
  });

  return router;
}
