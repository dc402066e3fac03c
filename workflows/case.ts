import { allHandlersFinished, condition, executeChild, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseClock, ClockId } from '../domain/clocks';
import { ENDED_STAGES, type CaseStage } from '../domain/stages';
import { activities } from './activities';
import { Clock } from './clock';
import { handleClockMessages } from './clockHandlers';
import {
  caseStatusQuery,
  decideUpdate,
  referralCompletedSignal,
  referralWorkflowId,
  type CaseWorkflowInput,
  type Decision,
  type ReferralPlan,
  type ReferralResult,
} from './messages';
import { CaseEndingHandler } from './caseEnding';
import { EmergencyAidStep } from './emergencyAid';
import { MissingMaterials } from './missingMaterials';
import { referralWorkflow } from './referral';
import { Review } from './review';
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
  // Set once the decision is on record, so that the stage moves on after it, never before.
  let decisionRecorded = false;

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

  const recordFinalDecision = async (made: Decision, late: boolean): Promise<void> => {
    await activities.recordDecision({ caseNo, decision: made, late, at: new Date().toISOString() });
    decisionRecorded = true;
  };
  // Cases started before the review plan: the county decides at once, with no investigation or notice required.
  const review = input.review && new Review(caseNo, input.review, ending, () => void (decision = undefined), recordFinalDecision, running);

  setHandler(
    decideUpdate,
    async (made) => {
      decision = made;
      const approval = clocks.get('approval')!;
      // A decision again after an objection: the approval clock was met by the first.
      const { late } = approval.isMet ? approval.snapshot : await approval.meet(made);
      if (review) return { late, ...(await review.decide(made, late)) };
      await recordFinalDecision(made, late);
      return { late };
    },
    {
      validator: (made) => {
        // A decision retried after the one that closed the case is told so, not that the case is closed.
        if (decision) throw refuse('already_decided', '本案已作出审批决定 (this case has already been decided)');
        ending.refuseIfEnded();
        if (!input.clocks.approval) throw refuse('decision_not_required', '本案不需要审批决定 (this case needs no approval decision)');
        if (pending.has('civil_affairs')) throw refuse('examination_pending', '民政审核尚未办结，暂不能审批 (the civil-affairs examination is not completed yet)');
        if (review) review.refuseDecision(made);
        else if (made.by === 'township') throw refuse('not_approver', '本案由县级民政部门审批 (the county decides this case)');
        clockReady('approval');
      },
    },
  );

  const emergency = new EmergencyAidStep(caseNo, input.clocks.emergency_aid !== undefined, ending, clockReady, (at) => startClock('emergency_paperwork', at));

  const currentStage = (): CaseStage => {
    if (ending.stage) return ending.stage;
    if (pending.size > 0) return 'referral';
    if (input.clocks.approval && !decisionRecorded) return review?.noticeOpen ? 'notice' : 'approval';
    if (input.clocks.emergency_aid && !emergency.paperworkRecorded) return 'emergency_paperwork';
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
