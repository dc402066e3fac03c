import { allHandlersFinished, condition, executeChild, log, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseClock, ClockId } from '../domain/clocks';
import { ENDED_STAGES, type CaseStage } from '../domain/stages';
import { activities } from './activities';
import { Clock } from './clock';
import { handleClockMessages } from './clockHandlers';
import {
  caseStatusQuery,
  completeEmergencyPaperworkUpdate,
  decideUpdate,
  recordEmergencyAidUpdate,
  referralCompletedSignal,
  referralWorkflowId,
  type CaseWorkflowInput,
  type Decision,
  type ReferralPlan,
  type ReferralResult,
} from './messages';
import { CaseEndingHandler } from './caseEnding';
import { MissingMaterials } from './missingMaterials';
import { referralWorkflow } from './referral';
import { referralFailed } from './referralFailure';
import { refuse } from './refuse';
import { CaseNo, Department, PendingDepartments, SlaState, Stage, Township } from './searchAttributes';
import { publishSla } from './slaAttributes';
import { startVerificationStep } from './verificationStep';

export interface CaseResult {
  caseNo: string;
  stage: CaseStage;
  referrals: ReferralResult[];
  decision?: Decision['decision'];
}

/**
 * The whole life of one application, from the window's intake to closure. Workflow ID `case-<caseNo>`.
 * Intake (persons, case, referral rows) is written by the API before this starts; here the process runs:
 * emergency first aid within 24 hours and its paperwork afterwards, the referrals to the departments, and the
 * civil-affairs decision within its working-day limit — each under its own clock.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseResult> {
  const { caseNo } = input;
  const clocks = new Map<ClockId, Clock>();
  const running: Promise<void>[] = [];
  const pending = new Set(input.referrals.map((r) => r.department));
  let stage: CaseStage | undefined;
  let decision: Decision | undefined;
  let aidGiven = false;
  let paperworkDone = false;
  // Set once the step is on record, so that the stage moves on after it, never before.
  let decisionRecorded = false;
  let paperworkRecorded = false;

  const startClock = async (id: CaseClock, startedAt: string): Promise<void> => {
    const clock = await Clock.start(clocks, caseNo, id, input.clocks[id]!, startedAt, () => publishSla(clocks.values()));
    running.push(clock.run());
  };
  const clockReady = (id: CaseClock): Clock => {
    const clock = clocks.get(id);
    if (!clock) throw refuse('not_ready', '案件正在启动，请稍后重试 (the case is still starting; retry shortly)');
    return clock;
  };

  /** A department's part is done: told by the referral before it answers (new) or by its result (before). */
  const examined = ({ department }: ReferralResult): void => {
    if (pending.delete(department)) upsertSearchAttributes([{ key: PendingDepartments, value: [...pending] }]);
  };
  setHandler(referralCompletedSignal, examined);
  setHandler(caseStatusQuery, () => ({ stage: stage ?? 'referral', pendingDepartments: [...pending], clocks: [...clocks.values()].map((c) => c.snapshot) }));
  handleClockMessages(clocks);
  const ending = new CaseEndingHandler(caseNo, clocks, pending, () => stage === 'closed', (['emergency_aid', 'approval'] as const).filter((id) => input.clocks[id]));
  const materials = new MissingMaterials(caseNo, clocks, pending, ending);

  setHandler(
    decideUpdate,
    async (made) => {
      decision = made;
      const { late } = await clocks.get('approval')!.meet(made);
      await activities.recordDecision({ caseNo, decision: made, late, at: new Date().toISOString() });
      decisionRecorded = true;
      return { late };
    },
    {
      validator: (_message) => {
        // A decision retried after the one that closed the case is told so, not that the case is closed.
        if (decision) throw refuse('already_decided', '本案已作出审批决定 (this case has already been decided)');
        ending.refuseIfEnded();
        if (!input.clocks.approval) throw refuse('decision_not_required', '本案不需要审批决定 (this case needs no approval decision)');
        if (pending.has('civil_affairs')) throw refuse('examination_pending', '民政审核尚未办结，暂不能审批 (the civil-affairs examination is not completed yet)');
        clockReady('approval');
      },
    },
  );

  setHandler(
    recordEmergencyAidUpdate,
    async (aid) => {
      aidGiven = true;
      const { late } = await clocks.get('emergency_aid')!.meet(aid);
      const at = new Date().toISOString();
      await activities.recordEmergencyAid({ caseNo, aid, late, at });
      // Cases that recorded first aid before the reserve fund existed continue without paying from it.
      if (patched('reserve-fund-payment')) await activities.payEmergencyAidFromReserve({ caseNo, aid, at });
      await startClock('emergency_paperwork', at);
      return { late };
    },
    {
      validator: (_message) => {
        ending.refuseIfEnded();
        if (!input.clocks.emergency_aid) throw refuse('not_emergency', '本案不是急难型临时救助 (this is not an emergency case)');
        if (aidGiven) throw refuse('aid_already_recorded', '先行救助已登记 (first aid is already recorded)');
        clockReady('emergency_aid');
      },
    },
  );

  setHandler(
    completeEmergencyPaperworkUpdate,
    async (act) => {
      paperworkDone = true;
      const { late } = await clocks.get('emergency_paperwork')!.meet(act);
      await activities.recordEmergencyPaperwork({ caseNo, act, late, at: new Date().toISOString() });
      paperworkRecorded = true;
      return { late };
    },
    {
      validator: (_message) => {
        ending.refuseIfEnded();
        if (!aidGiven) throw refuse('aid_not_recorded', '尚未登记先行救助 (first aid is not recorded yet)');
        if (paperworkDone) throw refuse('paperwork_already_completed', '补办手续已完成 (the paperwork is already completed)');
        clockReady('emergency_paperwork');
      },
    },
  );

  const currentStage = (): CaseStage => {
    if (ending.stage) return ending.stage;
    if (pending.size > 0) return 'referral';
    if (input.clocks.approval && !decisionRecorded) return 'approval';
    if (input.clocks.emergency_aid && !paperworkRecorded) return 'emergency_paperwork';
    return 'closed';
  };

  if (input.clocks.emergency_aid) await startClock('emergency_aid', input.acceptedAt);
  if (input.clocks.approval) await startClock('approval', input.acceptedAt);
  const verification = startVerificationStep(caseNo, input.needs);
  if (verification) running.push(verification);
  // A referral referred on (转介) is followed by the new department's: the case waits for that one.
  const followReferral = async (plan: ReferralPlan, acceptedAt: string): Promise<ReferralResult[]> => {
    const result = await executeChild(referralWorkflow, {
      workflowId: referralWorkflowId(caseNo, plan.department),
      args: [{ ...plan, caseNo, township: input.township, acceptedAt }],
      ...(input.caseKey ? { memo: { caseKey: input.caseKey } } : {}),
      typedSearchAttributes: [
        { key: CaseNo, value: caseNo },
        { key: Township, value: input.township },
        { key: Department, value: plan.department },
        { key: Stage, value: 'open' },
        { key: SlaState, value: 'on_track' },
      ],
    }).catch((err: unknown) => referralFailed(caseNo, plan.department, err));
    if (!result) return [];
    const next = result.referredOn && (await nextReferral(result.referredOn));
    examined(result);
    return next ? [result, ...(await followReferral(next, next.acceptedAt))] : [result];
  };
  /** The referral to follow next, unless the case is ending: then the new one is cancelled before it starts. */
  const nextReferral = async (next: NonNullable<ReferralResult['referredOn']>) => {
    if (!ending.request) {
      pending.add(next.department);
      return next;
    }
    await activities.recordReferralCancelled({ caseNo, department: next.department, ending: ending.request, at: new Date().toISOString() });
    return undefined;
  };
  const referrals = Promise.all(input.referrals.map((plan) => followReferral(plan, input.acceptedAt))).then((results) => results.flat());

  void materials.run();
  while (stage === undefined || !ENDED_STAGES.includes(stage)) {
    const next = currentStage();
    if (next !== stage) {
      stage = next;
      upsertSearchAttributes([{ key: Stage, value: next }]);
      await activities.recordStage({ caseNo, stage: next, at: new Date().toISOString() });
    }
    if (!ENDED_STAGES.includes(next)) await condition(() => currentStage() !== stage);
  }
  await Promise.all(running);
  await condition(allHandlersFinished);
  log.info('case closed', { caseNo });
  return { caseNo, stage, referrals: (await referrals).filter((r) => r !== undefined), decision: decision?.decision };
}
