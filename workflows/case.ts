import { allHandlersFinished, condition, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseClock, ClockId } from '../domain/clocks';
import { ENDED_STAGES, type CaseStage } from '../domain/stages';
import { activities } from './activities';
import { CaseEndingHandler } from './caseEnding';
import { Clock } from './clock';
import { handleClockMessages } from './clockHandlers';
import { DecisionStep } from './decisionStep';
import { EmergencyAidStep } from './emergencyAid';
import { caseStatusQuery, type CaseWorkflowInput, type Decision, type ReferralResult } from './messages';
import { MissingMaterials } from './missingMaterials';
import { ReferralsStep } from './referralsStep';
import { refuse } from './refuse';
import { Stage } from './searchAttributes';
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
 * Intake (persons, case, referral rows) is written by the API before this starts; here the process runs, step by
 * step: emergency first aid within 24 hours and its paperwork afterwards (emergencyAid.ts), the family economic
 * verification (verificationStep.ts), the referrals to the departments (referralsStep.ts), the review with its
 * home visit and public notice and the decision within its working-day limit (decisionStep.ts, review.ts) — each
 * under its own clock; missing materials pause them (missingMaterials.ts); withdrawal or termination ends them
 * all (caseEnding.ts). Payment follows in a benefit workflow of its own (benefit.ts).
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseResult> {
  const { caseNo } = input;
  const clocks = new Map<ClockId, Clock>();
  const running: Promise<void>[] = [];
  let stage: CaseStage | undefined;

  const startClock = async (id: CaseClock, startedAt: string): Promise<void> => {
    const clock = await Clock.start(clocks, caseNo, id, input.clocks[id]!, startedAt, () => publishSla(clocks.values()));
    running.push(clock.run());
  };
  const clockReady = (id: CaseClock): Clock => {
    const clock = clocks.get(id);
    if (!clock) throw refuse('not_ready', '案件正在启动，请稍后重试 (the case is still starting; retry shortly)');
    return clock;
  };

  // The steps of the process, each with its own messages; the stage says which one the case waits for.
  const referrals = new ReferralsStep(input);
  const { pending } = referrals;
  setHandler(caseStatusQuery, () => ({ stage: stage ?? 'referral', pendingDepartments: [...pending], clocks: [...clocks.values()].map((c) => c.snapshot) }));
  handleClockMessages(clocks);
  const ending = new CaseEndingHandler(caseNo, clocks, pending, () => stage === 'closed', (['emergency_aid', 'approval'] as const).filter((id) => input.clocks[id]));
  const materials = new MissingMaterials(caseNo, clocks, pending, ending);
  const decision = new DecisionStep(input, pending, ending, clockReady, running);
  const emergency = new EmergencyAidStep(caseNo, input.clocks.emergency_aid !== undefined, ending, clockReady, (at) => startClock('emergency_paperwork', at));

  const currentStage = (): CaseStage => {
    if (ending.stage) return ending.stage;
    if (pending.size > 0) return 'referral';
    if (input.clocks.approval && !decision.recorded) return decision.noticeOpen ? 'notice' : 'approval';
    if (input.clocks.emergency_aid && !emergency.paperworkRecorded) return 'emergency_paperwork';
    return 'closed';
  };

  if (input.clocks.emergency_aid) await startClock('emergency_aid', input.acceptedAt);
  if (input.clocks.approval) await startClock('approval', input.acceptedAt);
  const verification = startVerificationStep(caseNo, input.needs);
  if (verification) running.push(verification);
  const results = referrals.run(ending);

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
  return { caseNo, stage, referrals: (await results).filter((r) => r !== undefined), decision: decision.decision?.decision };
}
