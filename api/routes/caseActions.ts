import { Router } from 'express';
import { findCase } from '../../db/repositories/cases';
import { investigatedInRound } from '../../db/repositories/homeInvestigations';
import { programmeSettings } from '../../db/repositories/settings';
import { levelOfRole } from '../../domain/review';
import { requireBenefitTerms } from '../decisionTerms';
import { actorOf } from '../../domain/jurisdiction';
import { extensionProblem, type ClockId } from '../../domain/clocks';
import {
  caseWorkflowId,
  completeEmergencyPaperworkUpdate,
  decideCountyAidUpdate,
  decideUpdate,
  extendClockUpdate,
  pauseClockUpdate,
  recordEmergencyAidUpdate,
  referralWorkflowId,
  requestCountyAidUpdate,
  resumeClockUpdate,
} from '../../workflows/messages';
import type { DepartmentCode } from '../../domain/departments';
import type { ApiDeps } from '../deps';
import { HttpError, invalid, notFound, parse } from '../errors';
import { clockOfCase } from '../caseClocks';
import { caseInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';
import { ClockAction, ClockActionRequest, ClockIdParam, CountyAidDecisionRequest, DecisionRequest, EmergencyAidRequest, EmptyRequest } from '../schemas';
import { caseHasFinished, sendUpdate } from '../workflowUpdates';

// One argument shape for all three (pause and resume ignore `amount`).
const CLOCK_UPDATES = { pause: pauseClockUpdate, resume: resumeClockUpdate, extend: extendClockUpdate } as Record<'pause' | 'resume' | 'extend', typeof extendClockUpdate>;

/**
 * A decision answered `case_closed` (by the workflow, whose stage is closed, or because it has finished) when a
 * decision is on record: a retry whose first answer was lost, e.g. with a worker killed as the decision closed the
 * case. It answers 409 `already_decided`, as the workflow does before the case closes.
 */
const alreadyDecidedOr = async (db: ApiDeps['db'], caseNo: string, refusal: unknown): Promise<unknown> =>
  refusal instanceof HttpError && refusal.code === 'case_closed' && (await findCase(db, caseNo))?.decision
    ? new HttpError(409, 'already_decided', '本案已作出审批决定 (this case has already been decided)')
    : refusal;

/** Human actions on a case, each an Update of its workflow: the workflow's validator has the last word (409). */
export function caseActionRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();

  /**
   * The approving reviewer decides: the township's or the county's, as the case's review says (the workflow
   * refuses the other, 409 not_approver); the home investigation on record goes with the decision for the
   * workflow to check. An approval that needs a public notice answers the notice's end.
   */
  router.post('/cases/:caseNo/decision', allow('township_reviewer', 'reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(DecisionRequest, req.body);
    const { caseNo, countyCode } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    await requireBenefitTerms(db, { caseNo, countyCode }, body);
    const investigated = await investigatedInRound(db, caseNo);
    const { monthlyAmountYuan, startMonth, amountReason } = body;
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, decideUpdate, {
      decision: body.decision,
      reasonCipher: pii.encrypt(body.reason),
      by: levelOfRole(staff.role),
      ...(investigated === undefined ? {} : { investigatedInRound: investigated }),
      ...(monthlyAmountYuan === undefined ? {} : { monthlyAmountYuan }),
      ...(startMonth === undefined ? {} : { startMonth }),
      ...(amountReason === undefined ? {} : { amountReasonCipher: pii.encrypt(amountReason) }),
      actor: actorOf(staff),
      requestId: String(req.id),
    }, caseHasFinished).catch(async (err: unknown) => {
      throw await alreadyDecidedOr(db, caseNo, err);
    });
    res.json({ caseNo, decision: body.decision, ...answer });
  });

  /** First aid: given by the township within its county's limit; above it, asked of the county (一事一议: 202). */
  router.post('/cases/:caseNo/emergency-aid', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const { reason, ...aid } = parse(EmergencyAidRequest, req.body);
    const { caseNo, countyCode } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const act = { actor: actorOf(staff), requestId: String(req.id) };
    const { reserveFundFirstAidLimitYuan: limit } = await programmeSettings(db, countyCode);
    if (aid.amountYuan <= limit) {
      const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, recordEmergencyAidUpdate, { ...aid, ...act }, caseHasFinished);
      res.json({ caseNo, ...aid, ...answer });
      return;
    }
    if (!reason) throw invalid([{ path: 'reason', message: `超过乡镇（街道）先行救助额度${limit}元，须说明理由报县级审批 (above the township's limit of ${limit} yuan: give the reason for the county)` }]);
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, requestCountyAidUpdate, { ...aid, reasonCipher: pii.encrypt(reason), ...act }, caseHasFinished);
    res.status(202).json({ caseNo, ...aid, ...answer });
  });

  /** The county decides first aid asked of it above the township's limit (一事一议). */
  router.post('/cases/:caseNo/emergency-aid/county-decision', allow('reviewer'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(CountyAidDecisionRequest, req.body);
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, decideCountyAidUpdate, { decision: body.decision, reasonCipher: pii.encrypt(body.reason), actor: actorOf(staff), requestId: String(req.id) }, caseHasFinished);
    res.json({ caseNo, decision: body.decision, ...answer });
  });

  router.post('/cases/:caseNo/emergency-paperwork', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    parse(EmptyRequest, req.body ?? {});
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const answer = await sendUpdate(deps, { caseNo, workflowId: caseWorkflowId(caseNo) }, completeEmergencyPaperworkUpdate, { actor: actorOf(staff), requestId: String(req.id) }, caseHasFinished);
    res.json({ caseNo, ...answer });
  });

  /** Pause (documents missing), resume or extend (with a recorded reason) one of the case's clocks. */
  router.post('/cases/:caseNo/clocks/:clock/:action', allow('window', 'township_reviewer', 'reviewer', 'department'), async (req, res) => {
    const staff = staffOf(res);
    const action = parse(ClockAction, req.params.action, 'action');
    const clock = parse(ClockIdParam, req.params.clock, 'clock') as ClockId;
    const body = parse(ClockActionRequest, req.body);
    if (action === 'extend' && body.amount === undefined) throw invalid([{ path: 'amount', message: '延长时限须写明延长量 (an extension needs an amount)' }]);
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const department = clock.startsWith('referral:') ? (clock.slice('referral:'.length) as DepartmentCode) : undefined;
    // A department acts on its own referral's clock only; the case's clocks belong to the township and county.
    if (staff.role === 'department' && department !== staff.departmentCode) throw notFound(`时限 ${clock}`);
    const policy = await clockOfCase(db, caseNo, clock);
    const problem = action === 'extend' ? extensionProblem(policy.length.unit, body.amount!) : undefined;
    if (problem) throw invalid([{ path: 'amount', message: problem }]);
    const workflowId = department ? referralWorkflowId(caseNo, department) : caseWorkflowId(caseNo);
    const view = await sendUpdate(deps, { caseNo, workflowId }, CLOCK_UPDATES[action], { clock, reasonCipher: pii.encrypt(body.reason), amount: body.amount ?? 0, actor: actorOf(staff), requestId: String(req.id) }, caseHasFinished);
    res.json({ caseNo, clock: view });
  });

  return router;
}
